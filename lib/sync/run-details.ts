// The details of a completed run: its attempts, the jobs of every attempt with their steps,
// cache events from the logs of jobs with cache steps, and test results from test-report
// artifacts. Everything is fetched first and then stored in one transaction with the run's
// `details_attempt`, so a run's details are either all there or due again.
import "server-only";
import type { SyncContext, SyncRepo } from "./context.ts";
import { type GitHubArtifact, type GitHubJob, jobSchema } from "./github-detail-schemas.ts";
import { type GitHubRun, parseGitHub, runSchema } from "./github-schemas.ts";
import { type LogOutcome, needsLog, readJobLog } from "./job-logs.ts";
import { saveRunDetails } from "./run-details-save.ts";
import { type ArtifactOutcome, listTestReports, readTestReport } from "./test-reports.ts";

/** Passes that may fail to read a run's details before it is given up on (details_error says why). */
export const MAX_DETAILS_FAILURES = 5;

export type DueRun = {
  id: number;
  runAttempt: number;
  detailsAttempt: number;
  workflowId: number;
  createdAt: Date;
  headSha: string;
  headBranch: string | null;
};

export type RunDetails = {
  run: DueRun;
  attempts: GitHubRun[];
  jobs: GitHubJob[];
  logs: Map<number, LogOutcome>;
  artifacts: ArtifactOutcome[];
};

/** Completed runs of the repository whose details are not (all) stored, oldest first. */
export async function listDueRuns(ctx: SyncContext, repo: SyncRepo): Promise<DueRun[]> {
  const rows = await ctx.db.$queryRaw<
    {
      id: bigint;
      run_attempt: number;
      details_attempt: number;
      workflow_id: bigint;
      created_at: Date;
      head_sha: string;
      head_branch: string | null;
    }[]
  >`
    SELECT id, run_attempt, details_attempt, workflow_id, created_at, head_sha, head_branch FROM workflow_runs
     WHERE repo_id = ${BigInt(repo.id)} AND status = 'completed' AND details_attempt < run_attempt
       AND details_failures < ${MAX_DETAILS_FAILURES}
     ORDER BY details_failures, created_at, id`;
  return rows.map((r) => ({
    id: Number(r.id),
    runAttempt: r.run_attempt,
    detailsAttempt: r.details_attempt,
    workflowId: Number(r.workflow_id),
    createdAt: r.created_at,
    headSha: r.head_sha,
    headBranch: r.head_branch,
  }));
}

/** Attempts 1..n of a re-run run (each with its own created_at); none for a first attempt. */
async function fetchAttempts(ctx: SyncContext, repo: SyncRepo, run: DueRun): Promise<GitHubRun[]> {
  if (run.runAttempt === 1) return [];
  const stored = await ctx.db.runAttempt.findMany({
    where: { runId: BigInt(run.id), status: "completed", attempt: { lt: run.runAttempt } },
    select: { attempt: true },
  });
  const done = new Set(stored.map((a) => a.attempt));
  const out: GitHubRun[] = [];
  for (let n = 1; n <= run.runAttempt; n++) {
    if (done.has(n)) continue;
    const { data } = await ctx.client.rest.actions.getWorkflowRunAttempt({
      owner: repo.owner,
      repo: repo.name,
      run_id: run.id,
      attempt_number: n,
    });
    out.push(parseGitHub(runSchema, data, "workflow run attempt"));
  }
  return out;
}

/** Every job of every attempt (`filter=all`), with steps. */
async function fetchJobs(ctx: SyncContext, repo: SyncRepo, run: DueRun): Promise<GitHubJob[]> {
  const raw: unknown[] = await ctx.client.paginate(ctx.client.rest.actions.listJobsForWorkflowRun, {
    owner: repo.owner,
    repo: repo.name,
    run_id: run.id,
    filter: "all",
    per_page: 100,
  });
  return raw.map((item) => parseGitHub(jobSchema, item, "job"));
}

/** Jobs whose log is already read (or known unreadable): earlier attempts' jobs. */
async function logsDone(ctx: SyncContext, jobIds: number[]): Promise<Set<number>> {
  const rows = await ctx.db.job.findMany({
    where: { id: { in: jobIds.map(BigInt) }, logState: { in: ["parsed", "gone", "too_large"] } },
    select: { id: true },
  });
  return new Set(rows.map((r) => Number(r.id)));
}

async function artifactsDone(ctx: SyncContext, artifacts: GitHubArtifact[]): Promise<Set<number>> {
  const rows = await ctx.db.artifact.findMany({
    where: { id: { in: artifacts.map((a) => BigInt(a.id)) }, state: { not: "pending" } },
    select: { id: true },
  });
  return new Set(rows.map((r) => Number(r.id)));
}

/** Fetches a due run's details and stores them. */
export async function syncRunDetails(
  ctx: SyncContext,
  repo: SyncRepo,
  run: DueRun,
): Promise<RunDetails> {
  const attempts = await fetchAttempts(ctx, repo, run);
  const jobs = await fetchJobs(ctx, repo, run);
  const logs = new Map<number, LogOutcome>();
  const readLogs = await logsDone(
    ctx,
    jobs.map((j) => j.id),
  );
  for (const job of jobs) {
    if (needsLog(job) && !readLogs.has(job.id)) logs.set(job.id, await readJobLog(ctx, repo, job));
  }
  const artifacts: ArtifactOutcome[] = [];
  const newJobs = jobs.filter((j) => j.run_attempt > run.detailsAttempt);
  // Listed for every run with new jobs: which step uploads a report cannot be told from step
  // names (a custom name, a composite action), and a run is never detailed twice.
  if (newJobs.length > 0) {
    const reports = await listTestReports(ctx, repo, run.id);
    const done = await artifactsDone(ctx, reports);
    for (const artifact of reports) {
      if (!done.has(artifact.id)) artifacts.push(await readTestReport(ctx, repo, artifact));
    }
  }
  const details: RunDetails = { run, attempts, jobs, logs, artifacts };
  await saveRunDetails(ctx.db, repo, details);
  return details;
}
