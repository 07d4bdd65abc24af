// What every part of a repository's sync needs: the database, a GitHub client for the
// repository's owner, the limits and settings, and where to report progress.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { Exchange, GitHubClient } from "@/lib/github/client";

export type SyncOptions = {
  /** How far back the first sync of a repository goes. */
  backfillDays: number;
  /** Artifacts whose names match are read as JUnit reports. */
  testReportPattern: RegExp;
  /** Keep GitHub's generated (dynamic/...) workflows. */
  includeDynamicWorkflows: boolean;
  /** Runs whose details are fetched at the same time. */
  concurrency: number;
  /** Largest job log read for cache events, and largest test-report artifact. */
  maxLogBytes: number;
  maxArtifactBytes: number;
  /** Largest total of the files inside one artifact once unzipped (zip bombs). */
  maxUnzippedBytes: number;
  /** Days, ending today, whose run lists are read on every pass (new runs, status changes). */
  hotDays: number;
  /** Run details stop (left due for the next pass) when GitHub's budget falls below this. */
  budgetReserve: number;
  /** How often the whole re-run horizon (30 days) is read again for re-runs of older runs. */
  sweepEveryMs: number;
  retryBaseMs: number;
};

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  backfillDays: 30,
  testReportPattern: /junit|test-results|test-report/i,
  includeDynamicWorkflows: false,
  concurrency: 6,
  maxLogBytes: 64 * 1024 * 1024,
  maxArtifactBytes: 100 * 1024 * 1024,
  maxUnzippedBytes: 256 * 1024 * 1024,
  hotDays: 2,
  budgetReserve: 200,
  sweepEveryMs: 6 * 3600_000,
  retryBaseMs: 1000,
};

/** Progress of a sync, for the terminal's progress bar (the database holds the same). */
export type SyncProgress = {
  repo: string;
  phase: "workflows" | "runs" | "details" | "deployments" | "done";
  runsListed: number;
  detailsDone: number;
  detailsDue: number;
  rateLimitRemaining: number | null;
};

export type SyncContext = {
  db: Db;
  client: GitHubClient;
  options: SyncOptions;
  /** The clock (the simulator's clock in tests and the demo: GitHub's "now"). */
  now: () => Date;
  log: (line: string) => void;
  onExchange?: (exchange: Exchange) => void;
  onProgress?: (progress: SyncProgress) => void;
  /** What GitHub last said is left of the budget (null: not known yet). */
  budgetRemaining?: () => number | null;
  /** Aborted when the pass must stop (its lease was lost): checked before each request. */
  signal?: AbortSignal;
};

/** Throws when the pass was told to stop (its lease lost): nothing more is written. */
export function stopIfAborted(ctx: Pick<SyncContext, "signal">): void {
  const { signal } = ctx;
  if (signal?.aborted)
    throw signal.reason instanceof Error ? signal.reason : new Error("the sync was aborted");
}

export type SyncRepo = { id: number; owner: string; name: string; fullName: string };
