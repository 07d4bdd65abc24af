// What the run metrics keep per day (docs/metrics.md): `run_days`, of one pipeline's runs on one
// branch created on one UTC day, the numbers the run and cache stats add up: the sorted queue
// times of its completed runs' jobs, its run counts, its successful runs' sorted durations, its
// SHA groups of one run (sha-shared.ts) and its cache restores. A window's whole days are read
// from here (one row a day instead of every run), its partial first and last days from the
// runs themselves; sums and percentile_cont over the union are the numbers over the runs.
// Writers keep it equal to the runs: whatever changes a run's status, conclusion, times or
// attempt (saveRuns), its queue times or cache restores (refreshRunSummaries' callers), its
// `sha_shared` (refreshShaShared, whose changed runs may lie on other days) or its existence
// (deleteRun) refreshes the run's day in the same transaction, after locking that day
// (lockRunDays): two writers of one day then follow each other, and the second one's refresh
// sees the first one's runs. A day is locked after the run rows its transaction writes, never
// before: with a run's row lock taken first everywhere (lockRun, the run upserts), no two
// writers wait on each other in a circle.
// Runs without a branch (rare) are never kept: they are read from the runs.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { DbOrTx } from "@/lib/github/conditional";
import { CANCELLED_CONCLUSIONS, FAILURE_CONCLUSIONS } from "./conclusions.ts";
import { runCacheRestores, runQueues } from "./run-summaries.ts";
import { soleGroupColumns } from "./sha-shared.ts";
import { msBetween } from "./sql-time.ts";

/** A pipeline's branch on a UTC day (YYYY-MM-DD). */
export type RunDayKey = { workflowId: number; branch: string; day: string };

const DAY_MS = 24 * 3600 * 1000;

/** Advisory lock class of the run days (the first key of pg_advisory_xact_lock(int, int)). */
const DAY_LOCK_CLASS = 0x5057_5144;

/** The day key of a run of `workflowId` on `branch` created at `createdAt`; none without a branch. */
export function runDayOf(
  workflowId: number | bigint,
  branch: string | null | undefined,
  createdAt: Date | string,
): RunDayKey[] {
  if (branch === null || branch === undefined) return [];
  const day = new Date(createdAt).toISOString().slice(0, 10);
  return [{ workflowId: Number(workflowId), branch, day }];
}

/** The day keys of `runs` (those with a branch), e.g. the runs refreshShaShared changed. */
export function runDaysOf(
  runs: { workflowId: number | bigint; headBranch: string | null; createdAt: Date }[],
): RunDayKey[] {
  return runs.flatMap((r) => runDayOf(r.workflowId, r.headBranch, r.createdAt));
}

/** The keys as three parallel arrays, each key once. */
function columns(keys: RunDayKey[]) {
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
function keysFrom(keys: RunDayKey[]): Prisma.Sql {
  const { workflows, branches, days } = columns(keys);
  return Prisma.sql`unnest(${workflows}::bigint[], ${branches}::text[], ${days}::date[]) AS k(w, b, d)`;
}

/** Locks the days `keys` until the caller's transaction ends, in one order (see above). */
export async function lockRunDays(tx: DbOrTx, keys: RunDayKey[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(${DAY_LOCK_CLASS}::int, h)) FROM (
      SELECT DISTINCT hashtext(k.w::text || ':' || k.d::text || ':' || k.b) AS h
      FROM ${keysFrom(keys)} ORDER BY h
    ) locks`;
}

/** The start of UTC day `day` (a date column or parameter) as a timestamptz. */
const dayStart = (day: Prisma.Sql) => Prisma.sql`(${day}::timestamp AT TIME ZONE 'UTC')`;

/** The runs `r` of the day of key `k` (columns w, b, d). */
function runsOfDay(k: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`r.workflow_id = ${k}.w AND r.head_branch = ${k}.b
    AND r.created_at >= ${dayStart(Prisma.sql`${k}.d`)}
    AND r.created_at < ${dayStart(Prisma.sql`(${k}.d + 1)`)}`;
}

/** The duration (ms) of run `r`'s latest attempt. */
export const RUN_DURATION = msBetween(Prisma.sql`r.run_started_at`, Prisma.sql`r.updated_at`);

/** Run `r` counts in the duration percentiles: completed, successful, started. */
export const TIMED_RUN = Prisma.sql`r.status = 'completed' AND r.conclusion = 'success' AND r.run_started_at IS NOT NULL`;

/**
 * Aggregate columns over runs `r` (those of a day, or of a window's partial days): the kept
 * day's counts, named as run_days' columns (all but the arrays).
 */
export function dayCountColumns(): Prisma.Sql {
  const done = Prisma.sql`r.status = 'completed'`;
  return Prisma.sql`count(*)::int AS runs_total,
    count(*) FILTER (WHERE ${done})::int AS runs,
    count(*) FILTER (WHERE ${done} AND r.conclusion = 'success')::int AS successes,
    count(*) FILTER (WHERE ${done} AND r.conclusion = ANY(${FAILURE_CONCLUSIONS}::text[]))::int AS failures,
    count(*) FILTER (WHERE ${done} AND r.conclusion = ANY(${CANCELLED_CONCLUSIONS}::text[]))::int AS cancelled,
    ${soleGroupColumns()},
    coalesce(sum(n.hits), 0)::int AS cache_hits, coalesce(sum(n.partial), 0)::int AS cache_partial,
    coalesce(sum(n.misses), 0)::int AS cache_misses`;
}

/** The runs `r` meeting `where` with their cache restores `n` (for dayCountColumns). */
export function runsWithCache(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`workflow_runs r CROSS JOIN LATERAL (SELECT ${runCacheRestores()}) n WHERE ${where}`;
}

/** The kept columns of run_days, in the order runDaysSql gives them. */
export const RUN_DAY_COLUMNS = Prisma.sql`queue_ms, duration_ms, runs_total, runs, successes,
  failures, cancelled, sole_groups, sole_counted, cache_hits, cache_partial, cache_misses`;

/**
 * The kept values of the days of `keysSql` (a FROM item `k` with columns w, b, d) as their
 * runs give them: columns workflow_id, head_branch, day, then RUN_DAY_COLUMNS.
 */
export function runDaysSql(keysSql: Prisma.Sql): Prisma.Sql {
  const day = runsOfDay(Prisma.sql`k`);
  return Prisma.sql`
    SELECT k.w AS workflow_id, k.b AS head_branch, k.d AS day,
      ARRAY(SELECT ms FROM workflow_runs r CROSS JOIN LATERAL unnest(${runQueues()}) AS ms
        WHERE ${day} AND r.status = 'completed' ORDER BY ms) AS queue_ms,
      ARRAY(SELECT ${RUN_DURATION}::bigint AS ms FROM workflow_runs r WHERE ${day} AND ${TIMED_RUN}
        ORDER BY ms) AS duration_ms,
      c.runs_total, c.runs, c.successes, c.failures, c.cancelled, c.sole_groups, c.sole_counted,
      c.cache_hits, c.cache_partial, c.cache_misses
    FROM ${keysSql} CROSS JOIN LATERAL (SELECT ${dayCountColumns()} FROM ${runsWithCache(day)}) c`;
}

/** The statement writing the days of `keysSql` (as runDaysSql's) from their runs. */
export function refreshRunDaysSql(keysSql: Prisma.Sql): Prisma.Sql {
  const excluded = Prisma.sql`(EXCLUDED.queue_ms, EXCLUDED.duration_ms, EXCLUDED.runs_total,
    EXCLUDED.runs, EXCLUDED.successes, EXCLUDED.failures, EXCLUDED.cancelled, EXCLUDED.sole_groups,
    EXCLUDED.sole_counted, EXCLUDED.cache_hits, EXCLUDED.cache_partial, EXCLUDED.cache_misses)`;
  return Prisma.sql`
    INSERT INTO run_days (workflow_id, head_branch, day, ${RUN_DAY_COLUMNS}) ${runDaysSql(keysSql)}
    ON CONFLICT (workflow_id, head_branch, day) DO UPDATE SET (${RUN_DAY_COLUMNS}) = ${excluded}
    WHERE (run_days.*) IS DISTINCT FROM (EXCLUDED.*)`;
}

/** Every day that has runs, as refreshRunDaysSql's keys (a migration's or a seed's fill). */
export const EVERY_RUN_DAY = Prisma.sql`(
  SELECT DISTINCT workflow_id AS w, head_branch AS b, (created_at AT TIME ZONE 'UTC')::date AS d
  FROM workflow_runs WHERE head_branch IS NOT NULL) k`;

/** Rewrites the days `keys` from their runs, in the caller's transaction, which has locked them. */
export async function refreshRunDays(tx: DbOrTx, keys: RunDayKey[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.$executeRaw(refreshRunDaysSql(keysFrom(keys)));
}

/** Locks, then refreshes, the days `keys` (after the caller wrote their runs). */
export async function keepRunDays(tx: DbOrTx, keys: RunDayKey[]): Promise<void> {
  await lockRunDays(tx, keys);
  await refreshRunDays(tx, keys);
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
