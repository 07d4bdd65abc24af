// A repository's sync state (sync_states): what the poller did last, for the status page,
// /api/health and the stale_data flag, and the backfill's progress for the UI.
import "server-only";
import type { Db } from "@/lib/db/client";

export type Budget = { remaining: number | null; resetAt: Date | null };

/** Records that a sync of the repository began; returns its backfill start (set on first sync). */
export async function beginSync(db: Db, repoId: number, backfillFrom: Date): Promise<Date> {
  const rows = await db.$queryRaw<{ backfill_from: Date }[]>`
    INSERT INTO sync_states (repo_id, last_attempt_at, backfill_from, updated_at)
    VALUES (${BigInt(repoId)}, now(), ${backfillFrom}, now())
    ON CONFLICT (repo_id) DO UPDATE SET
      last_attempt_at = now(),
      backfill_from = COALESCE(sync_states.backfill_from, EXCLUDED.backfill_from),
      updated_at = now()
    RETURNING backfill_from`;
  return rows[0]?.backfill_from ?? backfillFrom;
}

/** Whether the backfill (the first complete pass) is done. */
export async function backfillDone(db: Db, repoId: number): Promise<boolean> {
  const state = await db.syncState.findUnique({ where: { repoId: BigInt(repoId) } });
  return state?.backfillDoneAt !== null && state?.backfillDoneAt !== undefined;
}

/** Progress of the details phase, readable by the UI while it runs. */
export async function recordProgress(
  db: Db,
  repoId: number,
  progress: { expected: number; synced: number },
): Promise<void> {
  await db.$executeRaw`
    UPDATE sync_states SET runs_expected = ${progress.expected}, runs_synced = ${progress.synced},
      updated_at = now()
     WHERE repo_id = ${BigInt(repoId)}`;
}

/** Records a successful sync; the next one is due at `nextAt`. */
export async function finishSync(
  db: Db,
  repoId: number,
  outcome: { requests: number; budget: Budget; nextAt: Date; backfillComplete: boolean },
): Promise<void> {
  await db.$executeRaw`
    UPDATE sync_states SET last_success_at = now(), last_error = NULL, consecutive_failures = 0,
      requests_spent = requests_spent + ${outcome.requests},
      rate_limit_remaining = COALESCE(${outcome.budget.remaining}::int, rate_limit_remaining),
      rate_limit_reset_at = COALESCE(${outcome.budget.resetAt}::timestamptz, rate_limit_reset_at),
      backfill_done_at = CASE WHEN ${outcome.backfillComplete} THEN COALESCE(backfill_done_at, now())
                              ELSE backfill_done_at END,
      -- A webhook that asked for a sync during this pass (next_sync_at set after the pass began)
      -- keeps its request.
      next_sync_at = CASE WHEN next_sync_at > last_attempt_at AND next_sync_at <= now()
                          THEN next_sync_at ELSE ${outcome.nextAt} END,
      updated_at = now()
     WHERE repo_id = ${BigInt(repoId)}`;
}

/** Records a failed sync (a message, never a stack); returns the consecutive failure count. */
export async function failSync(
  db: Db,
  repoId: number,
  outcome: {
    message: string;
    requests: number;
    budget: Budget;
    backoff: (failures: number) => Date;
  },
): Promise<number> {
  const rows = await db.$queryRaw<{ consecutive_failures: number }[]>`
    UPDATE sync_states SET last_error_at = now(), last_error = ${outcome.message.slice(0, 1000)},
      consecutive_failures = consecutive_failures + 1,
      requests_spent = requests_spent + ${outcome.requests},
      rate_limit_remaining = COALESCE(${outcome.budget.remaining}::int, rate_limit_remaining),
      rate_limit_reset_at = COALESCE(${outcome.budget.resetAt}::timestamptz, rate_limit_reset_at),
      updated_at = now()
     WHERE repo_id = ${BigInt(repoId)}
    RETURNING consecutive_failures`;
  const failures = rows[0]?.consecutive_failures ?? 1;
  await db.$executeRaw`
    UPDATE sync_states SET next_sync_at = ${outcome.backoff(failures)} WHERE repo_id = ${BigInt(repoId)}`;
  return failures;
}
