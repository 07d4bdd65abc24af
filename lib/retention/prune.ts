// Retention (PIPEWATCH_RETENTION_DAYS): deletes the runs created before the cut, with all that
// hangs off them, and the other time-stamped records of the same age. The cut is a UTC
// midnight, so a day of run_days is either wholly kept (its runs all kept) or wholly deleted:
// the per-day table never disagrees with the runs it sums.
//
// Deletion goes table by table, children before parents, in statements of at most `batchSize`
// rows, each its own short transaction: no statement holds locks on more than a batch, and
// the cascades of the final parent deletes find nothing left to delete. Per pipeline, so that
// each statement walks its (workflow_id, created_at) index instead of the whole table.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

const DAY_MS = 24 * 3600 * 1000;
export const DEFAULT_BATCH_SIZE = 2_000;

/** The first instant kept: UTC midnight `days` days before `now`. */
export function retentionCut(now: Date, days: number): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - days * DAY_MS);
}

export type PruneResult = {
  cut: Date;
  /** Rows deleted per table. */
  deleted: Record<string, number>;
  /** Statements run, and the most rows one of them deleted. */
  statements: number;
  largestBatch: number;
};

/** One table's step: deletes up to `limit` rows of pipeline `workflowId` older than `cut`. */
type Step = (workflowId: bigint, cut: Date, limit: number) => Prisma.Sql;

/** Run-anchored tables, children first; each statement keyed by the table's own primary key. */
const RUN_STEPS: [string, Step][] = [
  [
    "test_results",
    (w, cut, n) => Prisma.sql`DELETE FROM test_results WHERE id IN (SELECT id FROM test_results
      WHERE workflow_id = ${w} AND run_created_at < ${cut} LIMIT ${n})`,
  ],
  [
    "cache_events",
    (w, cut, n) => Prisma.sql`DELETE FROM cache_events WHERE id IN (SELECT id FROM cache_events
      WHERE workflow_id = ${w} AND run_created_at < ${cut} LIMIT ${n})`,
  ],
  [
    "steps",
    (w, cut, n) => Prisma.sql`DELETE FROM steps WHERE (job_id, number) IN (
      SELECT s.job_id, s.number FROM jobs j JOIN steps s ON s.job_id = j.id
       WHERE j.workflow_id = ${w} AND j.run_created_at < ${cut} LIMIT ${n})`,
  ],
  [
    "jobs",
    (w, cut, n) => Prisma.sql`DELETE FROM jobs WHERE id IN (SELECT id FROM jobs
      WHERE workflow_id = ${w} AND run_created_at < ${cut} LIMIT ${n})`,
  ],
  [
    "artifacts",
    (w, cut, n) => Prisma.sql`DELETE FROM artifacts WHERE id IN (
      SELECT a.id FROM workflow_runs r JOIN artifacts a ON a.run_id = r.id
       WHERE r.workflow_id = ${w} AND r.created_at < ${cut} LIMIT ${n})`,
  ],
  [
    "run_attempts",
    (w, cut, n) => Prisma.sql`DELETE FROM run_attempts WHERE (run_id, attempt) IN (
      SELECT a.run_id, a.attempt FROM workflow_runs r JOIN run_attempts a ON a.run_id = r.id
       WHERE r.workflow_id = ${w} AND r.created_at < ${cut} LIMIT ${n})`,
  ],
  [
    "workflow_runs",
    (w, cut, n) => Prisma.sql`DELETE FROM workflow_runs WHERE id IN (SELECT id FROM workflow_runs
      WHERE workflow_id = ${w} AND created_at < ${cut} LIMIT ${n})`,
  ],
  [
    "run_days",
    (w, cut, n) => Prisma.sql`DELETE FROM run_days WHERE (workflow_id, head_branch, day) IN (
      SELECT workflow_id, head_branch, day FROM run_days
       WHERE workflow_id = ${w} AND day < ${cut}::date LIMIT ${n})`,
  ],
];

/** Records of the same age that hang off no run (or off runs through a nullable id). */
const OTHER_STEPS: [string, (cut: Date, limit: number) => Prisma.Sql][] = [
  [
    "deployment_statuses",
    (cut, n) => Prisma.sql`DELETE FROM deployment_statuses WHERE id IN (
      SELECT s.id FROM deployments d JOIN deployment_statuses s ON s.deployment_id = d.id
       WHERE d.created_at < ${cut} LIMIT ${n})`,
  ],
  [
    "deployments",
    (cut, n) => Prisma.sql`DELETE FROM deployments WHERE id IN (SELECT id FROM deployments
      WHERE created_at < ${cut} LIMIT ${n})`,
  ],
  [
    "webhook_deliveries",
    (cut, n) => Prisma.sql`DELETE FROM webhook_deliveries WHERE delivery_id IN (
      SELECT delivery_id FROM webhook_deliveries WHERE received_at < ${cut} LIMIT ${n})`,
  ],
  [
    "notification_deliveries",
    (cut, n) => Prisma.sql`DELETE FROM notification_deliveries WHERE id IN (
      SELECT d.id FROM flags f JOIN flag_events e ON e.flag_id = f.id
        JOIN notification_deliveries d ON d.flag_event_id = e.id
       WHERE f.resolved_at < ${cut} LIMIT ${n})`,
  ],
  [
    "flag_events",
    (cut, n) => Prisma.sql`DELETE FROM flag_events WHERE id IN (
      SELECT e.id FROM flags f JOIN flag_events e ON e.flag_id = f.id
       WHERE f.resolved_at < ${cut} LIMIT ${n})`,
  ],
  [
    // Only flags resolved before the cut: an open flag, however old, stays.
    "flags",
    (cut, n) => Prisma.sql`DELETE FROM flags WHERE id IN (SELECT id FROM flags
      WHERE resolved_at < ${cut} LIMIT ${n})`,
  ],
  [
    "cache_usage",
    (cut, n) => Prisma.sql`DELETE FROM cache_usage WHERE (repo_id, sampled_at) IN (
      SELECT repo_id, sampled_at FROM cache_usage WHERE sampled_at < ${cut} LIMIT ${n})`,
  ],
  [
    "api_usage",
    (cut, n) => Prisma.sql`DELETE FROM api_usage WHERE (hour, endpoint, status) IN (
      SELECT hour, endpoint, status FROM api_usage WHERE hour < ${cut} LIMIT ${n})`,
  ],
];

/**
 * Deletes everything older than `days` days before `now` (see the file's header), in batches
 * of at most `batchSize` rows; data from the cut on is never touched.
 */
export async function pruneHistory(
  db: Db,
  options: { days: number; now?: Date; batchSize?: number; signal?: AbortSignal },
): Promise<PruneResult> {
  const cut = retentionCut(options.now ?? new Date(), options.days);
  const limit = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const result: PruneResult = { cut, deleted: {}, statements: 0, largestBatch: 0 };
  const drain = async (table: string, statement: () => Prisma.Sql) => {
    for (;;) {
      if (options.signal?.aborted) return;
      const count = await db.$executeRaw(statement());
      result.statements++;
      result.largestBatch = Math.max(result.largestBatch, count);
      result.deleted[table] = (result.deleted[table] ?? 0) + count;
      if (count < limit) return;
    }
  };
  const workflows = await db.$queryRaw<{ id: bigint }[]>`SELECT id FROM workflows ORDER BY id`;
  for (const [table, step] of RUN_STEPS)
    for (const { id } of workflows) await drain(table, () => step(id, cut, limit));
  for (const [table, step] of OTHER_STEPS) await drain(table, () => step(cut, limit));
  return result;
}
