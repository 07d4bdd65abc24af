// The OpenAPI schemas of GET /api/v1/runs and of the latest runs of GET /api/v1/pipelines/{id}:
// runs as their latest attempt shows them, with their attempts and jobs.
import type { JobSummary, RunAttemptSummary, RunDetail } from "@/lib/metrics/recent-runs";
import type { Run, RunPage } from "@/lib/metrics/run-list";
import {
  arrayOf,
  dateTime,
  id,
  METRICS_DOC,
  ms,
  nullable,
  object,
  type Properties,
  ref,
  string,
} from "./openapi-schema.ts";
import type { JsonSchema } from "./openapi-types.ts";

const STATUS = "GitHub's status: queued, in_progress, completed, waiting, requested, pending.";
const CONCLUSION =
  "GitHub's conclusion: success, failure, cancelled, skipped, timed_out, action_required, neutral, stale, startup_failure; null until completed.";
const attempt = { type: "integer", minimum: 1 } as const;

const runProperties: Properties<Run> = {
  id: id("GitHub's run id."),
  pipelineId: id("The workflow id (the pipeline's id)."),
  repo: string("The repository, owner/name."),
  runNumber: { type: "integer", minimum: 1, description: "The run's number in its workflow." },
  event: string("The event that triggered it: push, pull_request, schedule, ..."),
  branch: nullable(string("The head branch; null when GitHub gives none.")),
  headSha: string("The head commit."),
  status: nullable(string(`${STATUS} Of the latest attempt.`)),
  conclusion: nullable(string(`${CONCLUSION} Of the latest attempt.`)),
  runAttempt: { ...attempt, description: "The latest attempt's number." },
  createdAt: dateTime("GitHub's created_at: when the first attempt was created."),
  runStartedAt: nullable(dateTime("When the latest attempt started.")),
  updatedAt: dateTime("When the latest attempt last changed (completed, once completed)."),
  durationMs: nullable(
    ms(
      `updated_at − run_started_at of the latest attempt once completed (${METRICS_DOC}#duration); else null.`,
    ),
  ),
  htmlUrl: string("The run on github.com.", { format: "uri" }),
};

const RunSchema = object<Run>("A run, as its latest attempt shows it.", runProperties);

const RunAttemptSchema = object<RunAttemptSummary>("One attempt of a run.", {
  attempt: { ...attempt, description: "The attempt's number, from 1." },
  status: nullable(string(STATUS)),
  conclusion: nullable(string(CONCLUSION)),
  createdAt: dateTime("When the attempt was created."),
  runStartedAt: nullable(dateTime("When the attempt started.")),
  updatedAt: dateTime("When the attempt last changed."),
});

const JobSchema = object<JobSummary>("One job of one attempt of a run.", {
  id: id("GitHub's job id (new for every attempt)."),
  name: string("The job's name."),
  runAttempt: { ...attempt, description: "The attempt the job belongs to." },
  status: string(STATUS),
  conclusion: nullable(string(CONCLUSION)),
  createdAt: nullable(dateTime("When the job was queued.")),
  startedAt: nullable(dateTime("When a runner picked it up.")),
  completedAt: nullable(dateTime("When it completed.")),
  queueMs: nullable(
    ms(`started_at − created_at (${METRICS_DOC}#queue-time); null when skipped or never started.`),
  ),
  durationMs: nullable(ms("completed_at − started_at; null until both are known.")),
  htmlUrl: nullable(string("The job on github.com.", { format: "uri" })),
});

const RunDetailSchema = object<RunDetail>("A run with every attempt and every job.", {
  ...runProperties,
  attempts: arrayOf(ref("RunAttempt"), "Its attempts, oldest first."),
  jobs: arrayOf(ref("Job"), "The jobs of all its attempts, by attempt then job id."),
});

const RunPageSchema = object<RunPage>("A page of runs, newest first by (created_at, id).", {
  runs: arrayOf(ref("Run"), "At most `limit` runs."),
  nextCursor: nullable(string("Pass as `cursor` for the next page; null on the last page.")),
});

export const runSchemas: Record<string, JsonSchema> = {
  Run: RunSchema,
  RunAttempt: RunAttemptSchema,
  Job: JobSchema,
  RunDetail: RunDetailSchema,
  RunPage: RunPageSchema,
};
