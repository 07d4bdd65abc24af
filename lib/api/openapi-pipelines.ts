// The OpenAPI schemas of GET /api/v1/pipelines and GET /api/v1/pipelines/{id}: a pipeline's
// metrics over the scope (docs/metrics.md) and its series per bucket.
import { FlagKind } from "@/lib/db/generated/enums";
import type { LastRun } from "@/lib/metrics/last-runs";
import type { PipelineDetail } from "@/lib/metrics/pipeline-detail";
import type { Pipeline, PipelineFlag, PipelinesReport } from "@/lib/metrics/pipelines";
import type { CacheStats, FlakyStats } from "@/lib/metrics/quality-stats";
import { BUCKETS, type SeriesPoint } from "@/lib/metrics/series";
import type { Streak } from "@/lib/metrics/streaks";
import {
  arrayOf,
  boolean,
  count,
  dateTime,
  enumOf,
  id,
  METRICS_DOC,
  ms,
  nullable,
  object,
  rate,
  ref,
  string,
} from "./openapi-schema.ts";
import type { JsonSchema } from "./openapi-types.ts";

const section = (anchor: string) => `${METRICS_DOC}#${anchor}`;

export const FLAG_SEVERITIES = ["warning", "critical"] as const;

const Window = object<PipelinesReport["window"]>(
  `The window: runs created in [from, to], to being now (${section("scope-of-every-query")}).`,
  { from: dateTime("Start of the window."), to: dateTime("End of the window: now.") },
);

const DurationStats = object<Pipeline["durationMs"]>(
  `Duration of the successful completed runs in scope, latest attempt (${section("duration")}); null without one.`,
  {
    p50: nullable(ms("Median, by percentile_cont.")),
    p95: nullable(ms("95th percentile, by percentile_cont.")),
    max: nullable(ms("Longest.")),
  },
);

const QueueStats = object<Pipeline["queueMs"]>(
  `Queue time of the jobs of completed runs in scope, all attempts (${section("queue-time")}); null without one.`,
  {
    p50: nullable(ms("Median job started_at − created_at.")),
    p95: nullable(ms("95th percentile job started_at − created_at.")),
  },
);

const CacheStatsSchema = object<CacheStats>(
  `Cache restores parsed from the job logs of runs in scope (${section("cache-hit-rate")}).`,
  {
    hits: count("Restored with the primary key."),
    partial: count("Restored from a restore key."),
    misses: count("Nothing found."),
    hitRate: nullable(rate("hits / (hits + partial + misses); null without restores.")),
  },
);

const FlakyStatsSchema = object<FlakyStats>(
  `Flakiness of the runs in scope, grouped by head SHA (${section("flakiness")}).`,
  {
    flakyRuns: count("Head SHAs on which an attempt failed and a later one succeeded."),
    rate: nullable(rate("flakyRuns / SHAs with a completed, non-cancelled attempt; null without.")),
    flakyTests: count(
      "Distinct tests that both failed and passed on one SHA, or passed on a retry.",
    ),
  },
);

const StreakSchema = object<Streak>(
  `On the default branch, not limited to the window (${section("success-streaks")}).`,
  {
    lastSuccessAt: nullable(dateTime("updated_at of the latest successful run; null: never.")),
    sinceLastSuccessMs: nullable(ms("now − lastSuccessAt; null: never succeeded.")),
    failureStreak: count("Latest completed runs that failed, before the newest success."),
    longestGapMs: nullable(
      ms("Longest interval between successes, the open one to now included; null: never."),
    ),
  },
);

const PipelineFlagSchema = object<PipelineFlag>(
  `An open flag on the pipeline or its repository (${section("flags")}).`,
  {
    kind: enumOf(Object.values(FlagKind), "The rule that raised it."),
    severity: enumOf(FLAG_SEVERITIES, "How bad."),
    since: dateTime("When the condition began, according to the data."),
    message: string("One sentence a person can act on."),
  },
);

const LastRunSchema = object<LastRun>(
  "The pipeline's latest run on the scope's branch (by created_at, then id), whatever the window; null: none.",
  {
    id: id("GitHub's run id."),
    runNumber: { type: "integer", minimum: 1, description: "The run's number in its workflow." },
    status: nullable(string("The latest attempt's status: queued, in_progress, completed, ...")),
    conclusion: nullable(string("The latest attempt's conclusion; null until completed.")),
    createdAt: dateTime("GitHub's created_at: when the run was created."),
    durationMs: nullable(
      ms("Once completed: the latest attempt's run_started_at to updated_at; else null."),
    ),
    htmlUrl: string("The run on github.com.", { format: "uri" }),
  },
);

const PipelineSchema = object<Pipeline>(
  `One workflow of one tracked repository with its metrics over the scope (${section("scope-of-every-query")}).`,
  {
    id: id("The workflow id, as a string."),
    repo: string("The repository, owner/name."),
    workflowId: { type: "integer", minimum: 1, description: "GitHub's workflow id." },
    name: string("The workflow's name."),
    path: string("The workflow file, e.g. .github/workflows/ci.yml."),
    state: string("GitHub's state: active, disabled_manually, disabled_inactivity, deleted, ..."),
    isDeploy: boolean(`Whether it is a deploy pipeline (${section("deploys")}).`),
    slowThresholdMs: ms(
      "Above this median duration the pipeline is flagged slow: its own threshold (`pipewatch pipeline --slow-threshold`), else 10 minutes.",
    ),
    defaultBranch: string("The repository's default branch."),
    runs: count(`Completed runs in scope (${section("runs-and-success-rate")}).`),
    successes: count("Runs that concluded success."),
    failures: count("Runs that concluded failure, timed_out or startup_failure."),
    cancelled: count("Runs that concluded cancelled or skipped."),
    successRate: nullable(rate("successes / (runs − cancelled); null when that is 0.")),
    durationMs: ref("DurationStats"),
    queueMs: ref("QueueStats"),
    cache: ref("CacheStats"),
    flaky: ref("FlakyStats"),
    streak: ref("Streak"),
    lastDeployAt: nullable(
      dateTime(`Latest successful deploy (${section("deploys")}); null: none known.`),
    ),
    // Inline: the subset has no anyOf, and a $ref beside `type: null` would still demand an object.
    lastRun: { ...LastRunSchema, type: ["object", "null"] },
    flags: arrayOf(ref("PipelineFlag"), "Its open flags, and its repository's."),
  },
);

const PipelinesReportSchema = object<PipelinesReport>(
  "Every pipeline of the tracked repositories (or of one), by repository then name.",
  {
    generatedAt: dateTime("When the report was computed."),
    window: ref("Window"),
    pipelines: arrayOf(ref("Pipeline"), "The pipelines, each with its metrics."),
  },
);

const SeriesPointSchema = object<SeriesPoint>(
  `One bucket of a pipeline's series: the definitions of ${METRICS_DOC} applied to the runs created in it.`,
  {
    start: dateTime("The bucket's start, on a UTC hour or day."),
    runs: count("Completed runs."),
    successes: count("Runs that concluded success."),
    failures: count("Runs that concluded failure, timed_out or startup_failure."),
    cancelled: count("Runs that concluded cancelled or skipped."),
    successRate: nullable(rate("successes / (runs − cancelled); null when that is 0.")),
    durationP50Ms: nullable(ms("Median duration of the successful runs; null without.")),
    durationP95Ms: nullable(ms("95th percentile duration of the successful runs; null without.")),
    cacheHits: count("Cache restores of the bucket's runs with the primary key."),
    cachePartial: count("Cache restores of the bucket's runs from a restore key."),
    cacheMisses: count("Cache restores of the bucket's runs that found nothing."),
    cacheHitRate: nullable(rate("Restores with the primary key / restores; null without.")),
    flakyRate: nullable(rate("Flaky SHAs / counted SHAs first run in the bucket; null without.")),
  },
);

const PipelineDetailSchema = object<PipelineDetail>(
  "One pipeline as GET /api/v1/pipelines shows it, with its series and latest runs.",
  {
    generatedAt: dateTime("When the report was computed."),
    window: ref("Window"),
    bucket: enumOf(BUCKETS, "The series' bucket."),
    pipeline: ref("Pipeline"),
    series: arrayOf(
      ref("SeriesPoint"),
      "Every bucket from the one holding the window's start to the one holding its end, empty ones included.",
    ),
    runs: arrayOf(
      ref("RunDetail"),
      "The latest 50 runs on the scope's branch, newest first, not limited to the window.",
    ),
  },
);

export const pipelineSchemas: Record<string, JsonSchema> = {
  Window,
  DurationStats,
  QueueStats,
  CacheStats: CacheStatsSchema,
  FlakyStats: FlakyStatsSchema,
  Streak: StreakSchema,
  PipelineFlag: PipelineFlagSchema,
  Pipeline: PipelineSchema,
  PipelinesReport: PipelinesReportSchema,
  SeriesPoint: SeriesPointSchema,
  PipelineDetail: PipelineDetailSchema,
};
