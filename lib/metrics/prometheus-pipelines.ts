// The per-pipeline and flag metric families of GET /api/metrics, built from the pipelines
// report (the numbers of GET /api/v1/pipelines) and the open flags. Pure. Prometheus base
// units: seconds, ratios 0–1, timestamps in Unix seconds; an unknown value is left out.
import type { ListedFlag } from "./flag-list.ts";
import type { Pipeline } from "./pipelines.ts";
import type { Labels, MetricFamily, Sample } from "./prometheus.ts";

/** What the flag families need of an open flag (lib/metrics/flag-list.ts). */
export type OpenFlag = Pick<
  ListedFlag,
  "repo" | "workflowId" | "pipeline" | "kind" | "severity" | "since"
>;

export const SEVERITIES = ["warning", "critical"] as const;

const ABSENT = "Absent when unknown (not NaN).";

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
const timestamp = (iso: string | null) => (iso === null ? null : Date.parse(iso) / 1000);

type Definition = {
  name: string;
  help: (scope: string) => string;
  samples: (p: Pipeline) => Sample[];
};

const one = (value: number | null): Sample[] => [{ value }];

const DEFINITIONS: Definition[] = [
  {
    name: "pipewatch_pipeline_info",
    help: () => "Always 1: a tracked pipeline, its workflow file, GitHub state and default branch.",
    samples: (p) => [
      { labels: { path: p.path, state: p.state, default_branch: p.defaultBranch }, value: 1 },
    ],
  },
  {
    name: "pipewatch_pipeline_runs",
    help: (s) => `Completed runs ${s} (in-progress and queued runs not counted).`,
    samples: (p) => one(p.runs),
  },
  {
    name: "pipewatch_pipeline_successes",
    help: (s) => `Completed runs ${s} that concluded success.`,
    samples: (p) => one(p.successes),
  },
  {
    name: "pipewatch_pipeline_failures",
    help: (s) => `Completed runs ${s} that concluded failure, timed_out or startup_failure.`,
    samples: (p) => one(p.failures),
  },
  {
    name: "pipewatch_pipeline_cancelled",
    help: (s) => `Completed runs ${s} that concluded cancelled or skipped.`,
    samples: (p) => one(p.cancelled),
  },
  {
    name: "pipewatch_pipeline_success_ratio",
    help: (s) =>
      `Successes / (runs - cancelled) ${s}, 0 to 1. Absent when no run counts (not NaN).`,
    samples: (p) => one(p.successRate),
  },
  {
    name: "pipewatch_pipeline_duration_seconds",
    help: (s) =>
      `Duration of the successful runs ${s} (latest attempt, run_started_at to updated_at), by quantile (percentile_cont; a gauge, not a summary). ${ABSENT}`,
    samples: (p) => [
      { labels: { quantile: "0.5" }, value: seconds(p.durationMs.p50) },
      { labels: { quantile: "0.95" }, value: seconds(p.durationMs.p95) },
    ],
  },
  {
    name: "pipewatch_pipeline_duration_max_seconds",
    help: (s) => `Longest duration of the successful runs ${s}. ${ABSENT}`,
    samples: (p) => one(seconds(p.durationMs.max)),
  },
  {
    name: "pipewatch_pipeline_queue_seconds",
    help: (s) =>
      `Queue time (started_at - created_at) of the jobs of the completed runs ${s}, all attempts, by quantile (a gauge, not a summary). ${ABSENT}`,
    samples: (p) => [
      { labels: { quantile: "0.5" }, value: seconds(p.queueMs.p50) },
      { labels: { quantile: "0.95" }, value: seconds(p.queueMs.p95) },
    ],
  },
  {
    name: "pipewatch_pipeline_cache_restores",
    help: (s) =>
      `Cache restore events in the job logs of the runs ${s}, by outcome: hit (primary key), partial (restore key), miss.`,
    samples: (p) => [
      { labels: { outcome: "hit" }, value: p.cache.hits },
      { labels: { outcome: "partial" }, value: p.cache.partial },
      { labels: { outcome: "miss" }, value: p.cache.misses },
    ],
  },
  {
    name: "pipewatch_pipeline_cache_hit_ratio",
    help: (s) =>
      `Cache hits / restore events ${s}, 0 to 1 (a partial restore is not a hit). Absent without restore events (not NaN).`,
    samples: (p) => one(p.cache.hitRate),
  },
  {
    name: "pipewatch_pipeline_flaky_runs",
    help: (s) => `Head SHAs ${s} on which an attempt failed and a later attempt or run succeeded.`,
    samples: (p) => one(p.flaky.flakyRuns),
  },
  {
    name: "pipewatch_pipeline_flaky_ratio",
    help: (s) =>
      `Flaky head SHAs / head SHAs with a completed, non-cancelled attempt ${s}, 0 to 1. Absent when there is none (not NaN).`,
    samples: (p) => one(p.flaky.rate),
  },
  {
    name: "pipewatch_pipeline_flaky_tests",
    help: (s) =>
      `Distinct tests (suite and name) ${s} that failed and passed on the same head SHA, or passed on a retry.`,
    samples: (p) => one(p.flaky.flakyTests),
  },
  {
    name: "pipewatch_pipeline_last_success_timestamp_seconds",
    help: () =>
      "When the latest successful default-branch run completed (updated_at), not limited to the window; Unix seconds. Absent when it never succeeded.",
    samples: (p) => one(timestamp(p.streak.lastSuccessAt)),
  },
  {
    name: "pipewatch_pipeline_failure_streak",
    help: () =>
      "Most recent completed default-branch runs that failed before the latest success (cancelled runs neither count nor end it); 0 when the newest succeeded.",
    samples: (p) => one(p.streak.failureStreak),
  },
  {
    name: "pipewatch_pipeline_longest_gap_seconds",
    help: (s) =>
      `Longest interval between consecutive successes ${s}, including the open one up to now. Absent when it never succeeded.`,
    samples: (p) => one(seconds(p.streak.longestGapMs)),
  },
  {
    name: "pipewatch_pipeline_is_deploy",
    help: () =>
      "1 when the pipeline deploys (configured so, or detected by its name, path, jobs or GitHub deployments), else 0.",
    samples: (p) => one(p.isDeploy ? 1 : 0),
  },
  {
    name: "pipewatch_pipeline_last_deploy_timestamp_seconds",
    help: () =>
      "When the pipeline last deployed successfully (deploy job completed, or deployment status success); Unix seconds. Absent when it never did, or is not a deploy pipeline.",
    samples: (p) => one(timestamp(p.lastDeployAt)),
  },
];

const pipelineLabels = (p: Pipeline): Labels => ({
  repo: p.repo,
  workflow: p.name,
  workflow_id: String(p.workflowId),
});

/**
 * Every per-pipeline family (all of them, even with no pipeline), gauges labelled `repo`,
 * `workflow` (name) and `workflow_id`. `window` is the report's window, e.g. `30d`, named in
 * the HELP texts.
 */
export function buildPipelineFamilies(pipelines: Pipeline[], window: string): MetricFamily[] {
  const scope = `in the last ${window} on the default branch`;
  return DEFINITIONS.map((d) => ({
    name: d.name,
    help: d.help(scope),
    type: "gauge",
    samples: pipelines.flatMap((p) =>
      d.samples(p).map((s) => ({ labels: { ...pipelineLabels(p), ...s.labels }, value: s.value })),
    ),
  }));
}

/**
 * The open flags: one series per flag (repository-wide flags without `workflow` and
 * `workflow_id`), when each began, and the totals per severity (every severity, 0 when none).
 */
export function buildFlagFamilies(flags: OpenFlag[]): MetricFamily[] {
  const labelsOf = (f: OpenFlag): Labels => ({
    repo: f.repo,
    workflow: f.workflowId === null ? undefined : (f.pipeline ?? ""),
    workflow_id: f.workflowId === null ? undefined : String(f.workflowId),
    kind: f.kind,
    severity: f.severity,
  });
  const severities = [...new Set<string>([...SEVERITIES, ...flags.map((f) => f.severity)])];
  return [
    {
      name: "pipewatch_flag_open",
      help: "1 for each open flag (docs/metrics.md, Flags); repository-wide flags (stale_data) have no workflow labels.",
      type: "gauge",
      samples: flags.map((f) => ({ labels: labelsOf(f), value: 1 })),
    },
    {
      name: "pipewatch_flag_since_timestamp_seconds",
      help: "When the condition of each open flag began according to the data; Unix seconds.",
      type: "gauge",
      samples: flags.map((f) => ({ labels: labelsOf(f), value: Date.parse(f.since) / 1000 })),
    },
    {
      name: "pipewatch_flags_open",
      help: "Open flags by severity over the tracked repositories (0 when none).",
      type: "gauge",
      samples: severities.map((severity) => ({
        labels: { severity },
        value: flags.filter((f) => f.severity === severity).length,
      })),
    },
  ];
}
