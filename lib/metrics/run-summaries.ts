// What each run keeps for the metrics (docs/metrics.md), in workflow_runs and in its scope
// index, so that a pipeline's numbers read one index entry per run in scope instead of every
// job or cache event and a check of its run:
// - queue_ms: the queue time of each of its jobs that counts (all attempts; started, not
//   skipped), sorted; left NULL above KEPT_QUEUES values, so that an index entry stays far
//   below PostgreSQL's 2,704-byte limit (a 200-job matrix re-run three times is read from
//   its jobs instead);
// - cache_hits, cache_partial, cache_misses: its cache restores by outcome.
// The sync refreshes them whenever it writes the run's jobs or cache events; a run whose values
// were never computed (NULL) is read from its jobs and events at query time, so the numbers
// do not depend on who wrote the rows.
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

/** The number of cache restores of run `runId` with `outcome`. */
export function cacheRestoresOf(runId: Prisma.Sql, outcome: "exact" | "partial" | "miss") {
  return Prisma.sql`(SELECT count(*)::int FROM cache_events c
    WHERE c.run_id = ${runId} AND c.kind = 'restore' AND c.outcome = ${outcome}::cache_outcome)`;
}

/** At most this many queue times are kept on a run (see above). */
export const KEPT_QUEUES = 100;

/** The queue times of run `r`: kept, else read from its jobs. */
export function runQueues(): Prisma.Sql {
  return Prisma.sql`coalesce(r.queue_ms, ${jobQueuesOf(Prisma.sql`r.id`)})`;
}

/** Run `r`'s cache restores as `hits`, `partial` and `misses`: kept, else read from its events. */
export function runCacheRestores(): Prisma.Sql {
  const run = Prisma.sql`r.id`;
  return Prisma.sql`
    coalesce(r.cache_hits, ${cacheRestoresOf(run, "exact")}) AS hits,
    coalesce(r.cache_partial, ${cacheRestoresOf(run, "partial")}) AS partial,
    coalesce(r.cache_misses, ${cacheRestoresOf(run, "miss")}) AS misses`;
}

/** What run `runId` keeps of its queue times: all of them, or NULL above KEPT_QUEUES. */
export function keptQueuesOf(runId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT CASE WHEN cardinality(q) <= ${KEPT_QUEUES} THEN q END
    FROM (SELECT ${jobQueuesOf(runId)} AS q) x)`;
}

/** The statement recomputing what the runs `r` meeting `runs` keep for the metrics. */
export function refreshRunSummariesSql(runs: Prisma.Sql): Prisma.Sql {
  const run = Prisma.sql`r.id`;
  return Prisma.sql`
    UPDATE workflow_runs r SET queue_ms = ${keptQueuesOf(run)},
      cache_hits = ${cacheRestoresOf(run, "exact")}, cache_partial = ${cacheRestoresOf(run, "partial")},
      cache_misses = ${cacheRestoresOf(run, "miss")}
    WHERE ${runs}`;
}

/**
 * Locks run `runId` until the caller's transaction ends. Every writer of a run's jobs takes it
 * first: two writers of one run (the poller's details, a webhook's job) then follow each other,
 * and the second one's refresh sees the first one's jobs (a refresh that waited on the row
 * would otherwise write what its own snapshot saw).
 */
export async function lockRun(tx: DbOrTx, runId: number): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM workflow_runs WHERE id = ${BigInt(runId)} FOR UPDATE`;
}

/** Recomputes what `runIds` keep for the metrics, in the caller's transaction. */
export async function refreshRunSummaries(tx: DbOrTx, runIds: number[]): Promise<void> {
  if (runIds.length === 0) return;
  await tx.$executeRaw(
    refreshRunSummariesSql(Prisma.sql`r.id = ANY(${runIds.map(BigInt)}::bigint[])`),
  );
}
