// What the queue-time metric keeps per day (docs/metrics.md): `queue_days`, the sorted queue
// times of the completed runs of one pipeline and branch created on one UTC day. A window's
// whole days are read from it (one array a day instead of one a run), its partial first and
// last days from the runs themselves; percentile_cont over the union is the same number as
// over the runs.
// Writers keep it equal to the runs: whatever changes a run's completion (saveRuns), its queue
// times (refreshRunSummaries' callers) or its existence (deleteRun) refreshes the run's day in
// the same transaction, after locking that day (lockQueueDays): two writers of one day then
// follow each other, and the second one's refresh sees the first one's runs. A day is locked
// after the run rows its transaction writes, never before: with a run's row lock taken first
// everywhere (lockRun, the run upserts), no two writers wait on each other in a circle.
// Runs without a branch (rare) are never kept: they are read from the runs.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { DbOrTx } from "@/lib/github/conditional";
import { runQueues } from "./run-summaries.ts";

/** A pipeline's branch on a UTC day (YYYY-MM-DD). */
export type QueueDayKey = { workflowId: number; branch: string; day: string };

const DAY_MS = 24 * 3600 * 1000;

/** Advisory lock class of the queue days (the first key of pg_advisory_xact_lock(int, int)). */
const DAY_LOCK_CLASS = 0x5057_5144;

/** The day key of a run of `workflowId` on `branch` created at `createdAt`; none without a branch. */
export function queueDayOf(
  workflowId: number | bigint,
  branch: string | null | undefined,
  createdAt: Date | string,
): QueueDayKey[] {
  if (branch === null || branch === undefined) return [];
  const day = new Date(createdAt).toISOString().slice(0, 10);
  return [{ workflowId: Number(workflowId), branch, day }];
}

/** The keys as three parallel arrays, each key once. */
function columns(keys: QueueDayKey[]) {
  const unique = [
    ...new Map(keys.map((k) => [`${k.workflowId}:${k.day}:${k.branch}`, k])).values(),
  ];
  return {
    workflows: unique.map((k) => BigInt(k.workflowId)),
    branches: unique.map((k) => k.branch),
    days: unique.map((k) => k.day),
  };
}

/** The keys (columns w, b, d) of `keys`, as a FROM item `k`. */
function keysFrom(keys: QueueDayKey[]): Prisma.Sql {
  const { workflows, branches, days } = columns(keys);
  return Prisma.sql`unnest(${workflows}::bigint[], ${branches}::text[], ${days}::date[]) AS k(w, b, d)`;
}

/** Locks the days `keys` until the caller's transaction ends, in one order (see above). */
export async function lockQueueDays(tx: DbOrTx, keys: QueueDayKey[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(${DAY_LOCK_CLASS}::int, h)) FROM (
      SELECT DISTINCT hashtext(k.w::text || ':' || k.d::text || ':' || k.b) AS h
      FROM ${keysFrom(keys)} ORDER BY h
    ) locks`;
}

/** The start of UTC day `day` (a date column or parameter) as a timestamptz. */
const dayStart = (day: Prisma.Sql) => Prisma.sql`(${day}::timestamp AT TIME ZONE 'UTC')`;

/** The sorted queue times (bigint[]) of the day of key `k` (columns w, b, d), from its runs. */
export function queueTimesOfDay(k: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`ARRAY(
    SELECT ms FROM workflow_runs r CROSS JOIN LATERAL unnest(${runQueues()}) AS ms
    WHERE r.workflow_id = ${k}.w AND r.head_branch = ${k}.b AND r.status = 'completed'
      AND r.created_at >= ${dayStart(Prisma.sql`${k}.d`)}
      AND r.created_at < ${dayStart(Prisma.sql`(${k}.d + 1)`)}
    ORDER BY ms)`;
}

/** The statement writing the days of `keysSql` (a FROM item `k` with columns w, b, d). */
export function refreshQueueDaysSql(keysSql: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO queue_days (workflow_id, head_branch, day, queue_ms)
    SELECT k.w, k.b, k.d, ${queueTimesOfDay(Prisma.sql`k`)} FROM ${keysSql}
    ON CONFLICT (workflow_id, head_branch, day) DO UPDATE SET queue_ms = EXCLUDED.queue_ms
    WHERE queue_days.queue_ms IS DISTINCT FROM EXCLUDED.queue_ms`;
}

/** Every day that has runs, as refreshQueueDaysSql's keys (a migration's or a seed's fill). */
export const EVERY_QUEUE_DAY = Prisma.sql`(
  SELECT DISTINCT workflow_id AS w, head_branch AS b, (created_at AT TIME ZONE 'UTC')::date AS d
  FROM workflow_runs WHERE head_branch IS NOT NULL) k`;

/** Rewrites the days `keys` from their runs, in the caller's transaction, which has locked them. */
export async function refreshQueueDays(tx: DbOrTx, keys: QueueDayKey[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.$executeRaw(refreshQueueDaysSql(keysFrom(keys)));
}

/** Locks, then refreshes, the days `keys` (after the caller wrote their runs). */
export async function keepQueueDays(tx: DbOrTx, keys: QueueDayKey[]): Promise<void> {
  await lockQueueDays(tx, keys);
  await refreshQueueDays(tx, keys);
}

/**
 * The whole UTC days inside [from, to]: [first, end) with `first` the first day starting at or
 * after `from` and `end` the start of the day holding `to`; null when there is none.
 */
export function wholeDays(window: { from: Date; to: Date }): { first: Date; end: Date } | null {
  const first = Math.ceil(window.from.getTime() / DAY_MS) * DAY_MS;
  const end = Math.floor(window.to.getTime() / DAY_MS) * DAY_MS;
  return end > first ? { first: new Date(first), end: new Date(end) } : null;
}
