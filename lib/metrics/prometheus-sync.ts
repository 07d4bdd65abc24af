// The poller's metric families of GET /api/metrics: each repository's sync (from
// lib/sync/status.ts) and the requests made to GitHub (api_usage). Pure. No error texts: a
// sync error's message can quote what GitHub answered, and the metrics may be scraped by anyone
// who can reach the server.
import type { Labels, MetricFamily } from "./prometheus.ts";

/** What the families need of a repository's sync status (lib/sync/status.ts RepoSyncStatus). */
export type RepoSync = {
  repo: string;
  state: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  requestsSpent: number;
  rateLimitRemaining: number | null;
  backfill: { runsExpected: number | null; runsSynced: number; done: boolean };
};

/** Requests to GitHub summed over api_usage by kind (API or blob download) and HTTP status. */
export type GitHubUsage = {
  kind: "api" | "download";
  status: number;
  count: number;
  durationMs: number;
};

export const SYNC_STATES = ["ok", "backfilling", "failing", "waiting"] as const;

/** Always present, so that rate() has a 0 to start from; `other` only when seen. */
export const STATUS_CLASSES = ["2xx", "304", "3xx", "4xx", "5xx", "error"] as const;
const KINDS = ["api", "download"] as const;

/** `304` on its own (a conditional request answered from the ETag: free), `error` for no answer. */
export function statusClassOf(status: number): string {
  if (status === 0) return "error";
  if (status === 304) return "304";
  if (status >= 200 && status <= 599) return `${Math.floor(status / 100)}xx`;
  return "other";
}

/** As the status page draws it: 1 when done, else runs whose details are stored / due. */
export function backfillRatio(backfill: RepoSync["backfill"]): number {
  if (backfill.done) return 1;
  return backfill.runsExpected ? Math.min(1, backfill.runsSynced / backfill.runsExpected) : 0;
}

const timestamp = (iso: string | null) => (iso === null ? null : Date.parse(iso) / 1000);

/**
 * Per tracked repository: its sync state, times, failures, backfill, runs stored (`runsStored`
 * by repository name, 0 when absent), requests spent and the rate-limit budget GitHub reported.
 */
export function buildSyncFamilies(
  repos: RepoSync[],
  runsStored: Map<string, number>,
): MetricFamily[] {
  const family = (
    name: string,
    help: string,
    value: (r: RepoSync) => number | null,
    type: MetricFamily["type"] = "gauge",
  ): MetricFamily => ({
    name,
    help,
    type,
    samples: repos.map((r) => ({ labels: { repo: r.repo }, value: value(r) })),
  });
  return [
    {
      name: "pipewatch_sync_state",
      help: "1 for the repository's sync state, 0 for the others: ok, backfilling (first sync under way), failing (no successful sync for three poll intervals), waiting (never attempted).",
      type: "gauge",
      samples: repos.flatMap((r) =>
        SYNC_STATES.map((state) => ({
          labels: { repo: r.repo, state },
          value: r.state === state ? 1 : 0,
        })),
      ),
    },
    family(
      "pipewatch_sync_last_success_timestamp_seconds",
      "When the repository's last successful sync finished; Unix seconds. Absent before the first.",
      (r) => timestamp(r.lastSuccessAt),
    ),
    family(
      "pipewatch_sync_last_attempt_timestamp_seconds",
      "When the repository's last sync began; Unix seconds. Absent before the first.",
      (r) => timestamp(r.lastAttemptAt),
    ),
    family(
      "pipewatch_sync_error",
      "1 when the repository's last sync failed (its message is on the status page), else 0.",
      (r) => (r.consecutiveFailures > 0 ? 1 : 0),
    ),
    family(
      "pipewatch_sync_consecutive_failures",
      "Failed syncs of the repository since its last successful one.",
      (r) => r.consecutiveFailures,
    ),
    family(
      "pipewatch_sync_backfill_ratio",
      "Progress of the repository's first sync, 0 to 1: runs whose details are stored / runs due, 1 once done.",
      (r) => backfillRatio(r.backfill),
    ),
    family(
      "pipewatch_sync_runs_stored",
      "Workflow runs of the repository stored in Pipewatch's database, all branches and times.",
      (r) => runsStored.get(r.repo) ?? 0,
    ),
    family(
      "pipewatch_sync_github_requests_total",
      "Requests to the GitHub API that spent rate-limit budget while syncing the repository (not 304s, not downloads), since it was first synced.",
      (r) => r.requestsSpent,
      "counter",
    ),
    family(
      "pipewatch_github_rate_limit_remaining",
      "Requests left in the GitHub rate-limit budget, as GitHub reported at the repository's last sync (it may have been reset since). Absent when unknown.",
      (r) => r.rateLimitRemaining,
    ),
  ];
}

/**
 * Requests to GitHub by `kind` (api, or download: logs and artifacts from blob storage) and
 * `status_class`, counted and timed, from api_usage: the whole table is summed and Pipewatch
 * never deletes its rows, so the counters only grow (written after each repository's sync).
 */
export function buildGitHubFamilies(usage: GitHubUsage[]): MetricFamily[] {
  // Milliseconds are summed as integers and divided once, so that no 0.30000000000000004 shows.
  const totals = new Map<string, { labels: Labels; count: number; ms: number }>();
  const add = (kind: string, statusClass: string, count: number, ms: number) => {
    const key = `${kind}|${statusClass}`;
    const total = totals.get(key) ?? {
      labels: { kind, status_class: statusClass },
      count: 0,
      ms: 0,
    };
    total.count += count;
    total.ms += ms;
    totals.set(key, total);
  };
  for (const kind of KINDS) for (const c of STATUS_CLASSES) add(kind, c, 0, 0);
  for (const u of usage) add(u.kind, statusClassOf(u.status), u.count, u.durationMs);
  const series = [...totals.values()];
  const lifetime =
    "Summed over api_usage, whose rows are never deleted: monotone over the database's lifetime (written after each repository's sync).";
  return [
    {
      name: "pipewatch_github_requests_total",
      help: `Requests Pipewatch made to GitHub, by kind (api, download) and status class (2xx, 304, 3xx, 4xx, 5xx, error: no answer). ${lifetime}`,
      type: "counter",
      samples: series.map((s) => ({ labels: s.labels, value: s.count })),
    },
    {
      name: "pipewatch_github_request_duration_seconds_total",
      help: `Time spent waiting for GitHub's answers, by kind and status class. ${lifetime}`,
      type: "counter",
      samples: series.map((s) => ({ labels: s.labels, value: s.ms / 1000 })),
    },
  ];
}
