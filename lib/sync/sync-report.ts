// GET /api/v1/sync: each repository's sync (getSyncStatus's states, unchanged) with what the
// status page lacks: runs stored, backfill progress as a share, and the API budget GitHub last
// reported. Repositories no longer tracked are listed too (state "untracked": their history is
// kept, nothing syncs them). Error messages are shown: the sync stores messages, never tokens.
import "server-only";
import { configuredAlertChannels } from "@/lib/alerts/channels";
import { type AlertChannelStatus, getAlertChannelStatus } from "@/lib/alerts/status";
import { getConfig } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { getSyncStatus, type RepoSyncStatus } from "./status.ts";

export type RepoSyncReport = {
  repo: string;
  tracked: boolean;
  state: RepoSyncStatus["state"] | "untracked";
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Runs of the repository in the database (any age, any branch). */
  runsStored: number;
  backfill: {
    /** Runs created since then are backfilled; null before the first sync. */
    from: string | null;
    doneAt: string | null;
    /** 0–1: 1 once done, else the share of the due runs whose details are stored. */
    progress: number;
    runsExpected: number | null;
    runsSynced: number;
  };
  api: {
    /** Requests spent on this repository's syncs, all time. */
    requestsSpent: number;
    /** The budget left that GitHub last reported (shared by every repository on the same
     * credentials); null when unknown or when its reset time has passed since. */
    remaining: number | null;
    resetAt: string | null;
  };
};

export type SyncReport = {
  generatedAt: string;
  degraded: boolean;
  repositories: RepoSyncReport[];
  /** The alert channels' health: a channel that fails is shown, never its URL. */
  alerts: AlertChannelStatus[];
  /** Why no alert is sent at all: PIPEWATCH_ALERTS_FILE is bad. */
  alertsProblem: string | null;
};

/** getSyncStatus's entry, or the same read from the stored state of an untracked repository. */
type Base = Omit<RepoSyncStatus, "state"> & { state: RepoSyncReport["state"] };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * The sync report of every repository: the tracked ones first, by name, then the others; and
 * the alert channels' health (the configured channels unless told otherwise: every page seeds
 * the same query with this report, so each caller must tell the same).
 */
export async function getSyncReport(
  db: Db,
  pollIntervalMs: number,
  now = new Date(),
  alertSetup: ReturnType<typeof configuredAlertChannels> = configuredAlertChannels(getConfig()),
): Promise<SyncReport> {
  const [status, repos, counts, alerts] = await Promise.all([
    getSyncStatus(db, pollIntervalMs, now),
    db.repository.findMany({ include: { syncState: true }, orderBy: { fullName: "asc" } }),
    db.$queryRaw<{ repo_id: bigint; runs: number }[]>`
      SELECT repo_id, count(*)::int AS runs FROM workflow_runs GROUP BY repo_id`,
    getAlertChannelStatus(db, alertSetup.channels),
  ]);
  const runs = new Map(counts.map((c) => [Number(c.repo_id), c.runs]));
  const byName = new Map(repos.map((r) => [r.fullName, r]));
  const untracked = repos
    .filter((r) => !r.tracked)
    .map((r): Base => {
      const state = r.syncState;
      return {
        repo: r.fullName,
        state: "untracked",
        lastAttemptAt: iso(state?.lastAttemptAt),
        lastSuccessAt: iso(state?.lastSuccessAt),
        lastError: state?.lastError ?? null,
        consecutiveFailures: state?.consecutiveFailures ?? 0,
        requestsSpent: Number(state?.requestsSpent ?? 0),
        rateLimitRemaining: state?.rateLimitRemaining ?? null,
        backfill: {
          runsExpected: state?.runsExpected ?? null,
          runsSynced: state?.runsSynced ?? 0,
          done: Boolean(state?.backfillDoneAt),
        },
      };
    });
  const all: Base[] = [...status.repositories, ...untracked];
  const repositories = all.map((s): RepoSyncReport => {
    const stored = byName.get(s.repo);
    const state = stored?.syncState;
    const resetAt = state?.rateLimitResetAt ?? null;
    const { runsExpected, runsSynced, done } = s.backfill;
    return {
      repo: s.repo,
      tracked: s.state !== "untracked",
      state: s.state,
      lastAttemptAt: s.lastAttemptAt,
      lastSuccessAt: s.lastSuccessAt,
      lastError: s.lastError,
      consecutiveFailures: s.consecutiveFailures,
      runsStored: stored ? (runs.get(Number(stored.id)) ?? 0) : 0,
      backfill: {
        from: iso(state?.backfillFrom),
        doneAt: iso(state?.backfillDoneAt),
        progress: done ? 1 : runsExpected ? Math.min(1, runsSynced / runsExpected) : 0,
        runsExpected,
        runsSynced,
      },
      api: {
        requestsSpent: s.requestsSpent,
        remaining: resetAt && resetAt.getTime() <= now.getTime() ? null : s.rateLimitRemaining,
        resetAt: iso(resetAt),
      },
    };
  });
  return {
    generatedAt: now.toISOString(),
    degraded: status.degraded,
    repositories,
    alerts,
    alertsProblem: alertSetup.problem,
  };
}
