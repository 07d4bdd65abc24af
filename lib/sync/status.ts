// Each repository's sync status (from sync_states), for /api/health and the status page.
// A repository is "failing" when its syncs have failed (or never happened, or stopped moving)
// for three poll intervals; a first sync still making progress is "backfilling", not failing.
import "server-only";
import type { Db } from "@/lib/db/client";

export type RepoSyncStatus = {
  repo: string;
  state: "ok" | "backfilling" | "failing" | "waiting";
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  /** The last error's message, never a stack. */
  lastError: string | null;
  consecutiveFailures: number;
  requestsSpent: number;
  rateLimitRemaining: number | null;
  backfill: { runsExpected: number | null; runsSynced: number; done: boolean };
};

export type SyncStatus = { degraded: boolean; repositories: RepoSyncStatus[] };

/** What /api/health tells anyone who asks: counts, no repository names or error texts. */
export type SyncSummary = {
  degraded: boolean;
  repositories: number;
  failing: number;
  backfilling: number;
  /** The oldest "last success" among the repositories (null: one never synced). */
  oldestSuccessAt: string | null;
};

export function summarizeSyncStatus(status: SyncStatus): SyncSummary {
  const count = (state: RepoSyncStatus["state"]) =>
    status.repositories.filter((r) => r.state === state).length;
  const successes = status.repositories.map((r) => r.lastSuccessAt);
  return {
    degraded: status.degraded,
    repositories: status.repositories.length,
    failing: count("failing"),
    backfilling: count("backfilling"),
    oldestSuccessAt: successes.includes(null) ? null : ([...successes].sort()[0] ?? null),
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The status of every tracked repository; `degraded` when any is failing. */
export async function getSyncStatus(
  db: Db,
  pollIntervalMs: number,
  now = new Date(),
): Promise<SyncStatus> {
  const repos = await db.repository.findMany({
    where: { tracked: true },
    include: { syncState: true },
    orderBy: { fullName: "asc" },
  });
  const limit = now.getTime() - 3 * pollIntervalMs;
  const repositories = repos.map((r): RepoSyncStatus => {
    const s = r.syncState;
    const since = (s?.lastSuccessAt ?? r.firstSeenAt).getTime();
    const stale = since < limit;
    // A first sync that is still moving (its progress is written as it goes) is not failing.
    const moving = s ? s.updatedAt.getTime() >= limit : false;
    const state: RepoSyncStatus["state"] =
      stale && (!s?.lastAttemptAt || (s?.consecutiveFailures ?? 0) > 0 || !moving)
        ? "failing"
        : !s?.lastAttemptAt
          ? "waiting"
          : !s.backfillDoneAt
            ? "backfilling"
            : "ok";
    return {
      repo: r.fullName,
      state,
      lastAttemptAt: iso(s?.lastAttemptAt ?? null),
      lastSuccessAt: iso(s?.lastSuccessAt ?? null),
      lastError: s?.lastError ?? null,
      consecutiveFailures: s?.consecutiveFailures ?? 0,
      requestsSpent: Number(s?.requestsSpent ?? 0),
      rateLimitRemaining: s?.rateLimitRemaining ?? null,
      backfill: {
        runsExpected: s?.runsExpected ?? null,
        runsSynced: s?.runsSynced ?? 0,
        done: Boolean(s?.backfillDoneAt),
      },
    };
  });
  return { degraded: repositories.some((r) => r.state === "failing"), repositories };
}
