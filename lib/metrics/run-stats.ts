// Per pipeline: completed runs and their conclusions, success rate, run duration percentiles,
// job queue time percentiles and cache restores, over the runs in scope (docs/metrics.md).
// Aggregated in SQL, over the window's whole days as kept (run-days.ts) and the runs of its
// partial days; percentile_cont interpolates linearly between the two nearest values.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { CANCELLED_CONCLUSIONS, FAILURE_CONCLUSIONS } from "./conclusions.ts";
import type { CacheStats } from "./quality-stats.ts";
import { dayCountColumns, RUN_DURATION, runsWithCache, TIMED_RUN, wholeDays } from "./run-days.ts";
import { runQueues } from "./run-summaries.ts";
import type { BranchScope, Scope } from "./scope.ts";
import type { SoleGroups } from "./sha-shared.ts";

export { CANCELLED_CONCLUSIONS, FAILURE_CONCLUSIONS };

export type RunStats = {
  workflowId: number;
  runs: number;
  successes: number;
  failures: number;
  cancelled: number;
  successRate: number | null;
  durationMs: { p50: number | null; p95: number | null; max: number | null };
  queueMs: { p50: number | null; p95: number | null };
  cache: CacheStats;
  /** The flaky stats' SHA groups of one run each, counted in the same pass (quality-stats.ts). */
  soleShaGroups: SoleGroups;
};

/** The SQL condition on a run `r` (or `alias`, of repository `repo`) for the branch scope. */
export function branchCondition(branch: BranchScope, alias = Prisma.sql`r`): Prisma.Sql {
  if (branch.kind === "all") return Prisma.sql`TRUE`;
  if (branch.kind === "name") return Prisma.sql`${alias}.head_branch = ${branch.name}`;
  return Prisma.sql`${alias}.head_branch = repo.default_branch`;
}

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? null : Math.round(value);

type Row = {
  workflow_id: bigint;
  runs: number;
  successes: number;
  failures: number;
  cancelled: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  sole_groups: number;
  sole_counted: number;
  cache_hits: number;
  cache_partial: number;
  cache_misses: number;
};

type QueueRow = { workflow_id: bigint; p50: number | null; p95: number | null };

/**
 * The condition on a workflow `w` for the pipelines of `repoIds` (all when undefined), or only
 * the pipeline `workflowId` among them. A run's repository is its workflow's: scoping runs by
 * their workflow is scoping them by repo_id, and lets each pipeline be read as one index range.
 */
export function pipelinesOf(repoIds?: number[], workflowId?: number): Prisma.Sql {
  const repos = repoIds
    ? Prisma.sql`w.repo_id = ANY(${repoIds.map(BigInt)}::bigint[])`
    : Prisma.sql`TRUE`;
  return workflowId === undefined ? repos : Prisma.sql`${repos} AND w.id = ${BigInt(workflowId)}`;
}

/**
 * The runs `r` of pipeline `w` in scope: created in the window, on the branch. One range of
 * the index on (workflow_id, head_branch, created_at, ...) for a branch, which holds every
 * column the metrics read, so that no table row is visited.
 */
export function runsInScope(scope: Scope): Prisma.Sql {
  return Prisma.sql`r.workflow_id = w.id AND ${branchCondition(scope.branch)}
    AND r.created_at >= ${scope.window.from} AND r.created_at <= ${scope.window.to}`;
}

/**
 * A scope's runs in two parts: its whole UTC days, as a condition on the kept days `d`
 * (run-days.ts), null when it has none; and the rest as conditions on the runs `r`, each one
 * index range: the partial first and last days (and, on every branch, the runs without one,
 * which no day keeps).
 */
export function scopeParts(scope: Scope): { days: Prisma.Sql | null; runs: Prisma.Sql[] } {
  const inScope = runsInScope(scope);
  const days = wholeDays(scope.window);
  if (!days) return { days: null, runs: [inScope] };
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const runs = [
    Prisma.sql`${inScope} AND r.created_at < ${days.first}`,
    Prisma.sql`${inScope} AND r.created_at >= ${days.end}`,
  ];
  if (scope.branch.kind === "all")
    runs.push(
      Prisma.sql`${inScope} AND r.head_branch IS NULL AND r.created_at >= ${days.first}
        AND r.created_at < ${days.end}`,
    );
  const kept = Prisma.sql`d.workflow_id = w.id AND ${branchCondition(scope.branch, Prisma.sql`d`)}
    AND d.day >= ${day(days.first)}::date AND d.day < ${day(days.end)}::date`;
  return { days: kept, runs };
}

/** `ofDays` over the kept days and `ofRuns` over each range of runs of `parts`, as one union. */
function unionOf(
  parts: ReturnType<typeof scopeParts>,
  ofDays: (days: Prisma.Sql) => Prisma.Sql,
  ofRuns: (runs: Prisma.Sql) => Prisma.Sql,
): Prisma.Sql {
  const all = [...(parts.days ? [ofDays(parts.days)] : []), ...parts.runs.map(ofRuns)];
  return Prisma.join(all, " UNION ALL ");
}

const COUNTS = Prisma.sql`runs_total, runs, successes, failures, cancelled, sole_groups,
  sole_counted, cache_hits, cache_partial, cache_misses`;

/** Run counts, success rate, durations, queue times and cache restores of every pipeline with runs in scope. */
export async function queryRunStats(
  db: Db,
  scope: Scope,
  repoIds?: number[],
  workflowId?: number,
): Promise<RunStats[]> {
  const parts = scopeParts(scope);
  const counts = unionOf(
    parts,
    (days) => Prisma.sql`SELECT ${COUNTS} FROM run_days d WHERE ${days}`,
    (runs) => Prisma.sql`SELECT ${dayCountColumns()} FROM ${runsWithCache(runs)}`,
  );
  const durations = unionOf(
    parts,
    (days) => Prisma.sql`SELECT unnest(d.duration_ms) AS ms FROM run_days d WHERE ${days}`,
    (runs) =>
      Prisma.sql`SELECT ${RUN_DURATION} AS ms FROM workflow_runs r WHERE ${runs} AND ${TIMED_RUN}`,
  );
  const queues = unionOf(
    parts,
    (days) => Prisma.sql`SELECT unnest(d.queue_ms) AS ms FROM run_days d WHERE ${days}`,
    (
      runs,
    ) => Prisma.sql`SELECT ms FROM workflow_runs r CROSS JOIN LATERAL unnest(${runQueues()}) AS ms
      WHERE ${runs} AND r.status = 'completed'`,
  );
  // Pipeline by pipeline: a few kept days and index ranges each.
  const runsQuery = db.$queryRaw<Row[]>`
    SELECT w.id AS workflow_id, s.runs, s.successes, s.failures, s.cancelled, p.p50, p.p95, p.max,
      s.sole_groups, s.sole_counted, s.cache_hits, s.cache_partial, s.cache_misses
    FROM workflows w JOIN repositories repo ON repo.id = w.repo_id CROSS JOIN LATERAL (
      SELECT coalesce(sum(runs_total), 0)::int AS runs_total, coalesce(sum(runs), 0)::int AS runs,
        coalesce(sum(successes), 0)::int AS successes, coalesce(sum(failures), 0)::int AS failures,
        coalesce(sum(cancelled), 0)::int AS cancelled,
        coalesce(sum(sole_groups), 0)::int AS sole_groups,
        coalesce(sum(sole_counted), 0)::int AS sole_counted,
        coalesce(sum(cache_hits), 0)::int AS cache_hits,
        coalesce(sum(cache_partial), 0)::int AS cache_partial,
        coalesce(sum(cache_misses), 0)::int AS cache_misses
      FROM (${counts}) u
    ) s CROSS JOIN LATERAL (
      SELECT (percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::float8 AS p50,
        (percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::float8 AS p95, max(ms)::float8 AS max
      FROM (${durations}) v
    ) p
    WHERE ${pipelinesOf(repoIds, workflowId)} AND s.runs_total > 0`;
  const queueQuery = db.$queryRaw<QueueRow[]>`
    SELECT w.id AS workflow_id, q.p50, q.p95
    FROM workflows w JOIN repositories repo ON repo.id = w.repo_id CROSS JOIN LATERAL (
      SELECT count(*) AS jobs,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::float8 AS p50,
        (percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::float8 AS p95
      FROM (${queues}) v
    ) q
    WHERE ${pipelinesOf(repoIds, workflowId)} AND q.jobs > 0`;
  const [rows, queue] = await Promise.all([runsQuery, queueQuery]);
  const queueById = new Map(queue.map((q) => [Number(q.workflow_id), q]));
  return rows.map((row) => {
    const q = queueById.get(Number(row.workflow_id));
    const divisor = row.runs - row.cancelled;
    const restores = row.cache_hits + row.cache_partial + row.cache_misses;
    return {
      workflowId: Number(row.workflow_id),
      runs: row.runs,
      successes: row.successes,
      failures: row.failures,
      cancelled: row.cancelled,
      successRate: divisor > 0 ? row.successes / divisor : null,
      durationMs: { p50: ms(row.p50), p95: ms(row.p95), max: ms(row.max) },
      queueMs: { p50: ms(q?.p50), p95: ms(q?.p95) },
      cache: {
        hits: row.cache_hits,
        partial: row.cache_partial,
        misses: row.cache_misses,
        hitRate: restores > 0 ? row.cache_hits / restores : null,
      },
      soleShaGroups: { groups: row.sole_groups, counted: row.sole_counted },
    };
  });
}
