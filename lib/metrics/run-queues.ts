// Queue times kept per run (docs/metrics.md, queueMs): workflow_runs.queue_ms holds, sorted,
// the queue time of each of the run's jobs that counts (all attempts; started, not skipped).
// The percentiles of a pipeline then read one index entry per run instead of every job and a
// check of its run. The sync refreshes a run's list whenever it writes the run's jobs; a run
// whose list was never computed (NULL) is read from its jobs at query time, so the numbers do
// not depend on who wrote the rows.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { DbOrTx } from "@/lib/github/conditional";
import { msBetween } from "./sql-time.ts";

/** The sorted queue times (ms, bigint[]) of the jobs of run `runId` that count. */
export function jobQueuesOf(runId: Prisma.Sql): Prisma.Sql {
  const queued = msBetween(Prisma.sql`j.created_at`, Prisma.sql`j.started_at`);
  return Prisma.sql`ARRAY(
    SELECT ${queued}::bigint AS ms FROM jobs j
    WHERE j.run_id = ${runId} AND j.conclusion IS DISTINCT FROM 'skipped'
      AND j.started_at IS NOT NULL AND j.created_at IS NOT NULL
    ORDER BY ms)`;
}

/** The queue times of run `r`: kept, else read from its jobs. */
export function runQueues(): Prisma.Sql {
  return Prisma.sql`coalesce(r.queue_ms, ${jobQueuesOf(Prisma.sql`r.id`)})`;
}

/** Recomputes workflow_runs.queue_ms of `runIds` from their jobs, in the caller's transaction. */
export async function refreshRunQueues(tx: DbOrTx, runIds: number[]): Promise<void> {
  if (runIds.length === 0) return;
  await tx.$executeRaw`
    UPDATE workflow_runs r SET queue_ms = ${jobQueuesOf(Prisma.sql`r.id`)}
    WHERE r.id = ANY(${runIds.map(BigInt)}::bigint[])`;
}
