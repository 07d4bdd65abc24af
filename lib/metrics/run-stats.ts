// Per pipeline: completed runs and their conclusions, success rate, run duration percentiles
// and job queue time percentiles, over the runs in scope (docs/metrics.md). Aggregated in SQL;
// percentile_cont interpolates linearly between the two nearest values.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { CANCELLED_CONCLUSIONS, FAILURE_CONCLUSIONS } from "./conclusions.ts";
import { wholeDays } from "./queue-days.ts";
import { runQueues } from "./run-summaries.ts";
import type { BranchScope, Scope } from "./scope.ts";
import { type SoleGroups, soleGroupColumns } from "./sha-shared.ts";
import { msBetween } from "./sql-time.ts";

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
 * The queue times `ms` of the jobs of pipeline `w`'s completed runs in scope: the kept days
 * wholly inside the window, and the runs of its partial first and last days (and, on every
 * branch, the runs without one, which no day keeps).
 */
function queueTimesInScope(scope: Scope): Prisma.Sql {
  const live = (condition: Prisma.Sql) => Prisma.sql`
    SELECT ms FROM workflow_runs r CROSS JOIN LATERAL unnest(${runQueues()}) AS ms
    WHERE ${runsInScope(scope)} AND r.status = 'completed' AND ${condition}`;
  const days = wholeDays(scope.window);
  if (!days) return live(Prisma.sql`TRUE`);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const parts = [
    Prisma.sql`SELECT unnest(d.queue_ms) AS ms FROM queue_days d
      WHERE d.workflow_id = w.id AND ${branchCondition(scope.branch, Prisma.sql`d`)}
        AND d.day >= ${day(days.first)}::date AND d.day < ${day(days.end)}::date`,
    live(Prisma.sql`r.created_at < ${days.first}`),
    live(Prisma.sql`r.created_at >= ${days.end}`),
  ];
  if (scope.branch.kind === "all")
    parts.push(
      live(Prisma.sql`r.head_branch IS NULL AND r.created_at >= ${days.first}
      AND r.created_at < ${days.end}`),
    );
  return Prisma.join(parts, " UNION ALL ");
}

/** Run counts, success rate, durations and queue times of every pipeline with runs in scope. */
export async function queryRunStats(
  db: Db,
  scope: Scope,
  repoIds?: number[],
  workflowId?: number,
): Promise<RunStats[]> {
  const done = Prisma.sql`r.status = 'completed'`;
  const success = Prisma.sql`r.status = 'completed' AND r.conclusion = 'success' AND r.run_started_at IS NOT NULL`;
  const duration = msBetween(Prisma.sql`r.run_started_at`, Prisma.sql`r.updated_at`);
  // Pipeline by pipeline: each aggregate reads one index range, already grouped.
  const runsQuery = db.$queryRaw<Row[]>`
    SELECT w.id AS workflow_id, s.runs, s.successes, s.failures, s.cancelled, s.p50, s.p95, s.max,
      s.sole_groups, s.sole_counted
    FROM workflows w JOIN repositories repo ON repo.id = w.repo_id CROSS JOIN LATERAL (
      SELECT count(*) AS in_scope,
        count(*) FILTER (WHERE ${done})::int AS runs,
        count(*) FILTER (WHERE ${done} AND r.conclusion = 'success')::int AS successes,
        count(*) FILTER (WHERE ${done} AND r.conclusion = ANY(${FAILURE_CONCLUSIONS}::text[]))::int AS failures,
        count(*) FILTER (WHERE ${done} AND r.conclusion = ANY(${CANCELLED_CONCLUSIONS}::text[]))::int AS cancelled,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${duration}) FILTER (WHERE ${success}))::float8 AS p50,
        (percentile_cont(0.95) WITHIN GROUP (ORDER BY ${duration}) FILTER (WHERE ${success}))::float8 AS p95,
        (max(${duration}) FILTER (WHERE ${success}))::float8 AS max,
        ${soleGroupColumns()}
      FROM workflow_runs r WHERE ${runsInScope(scope)}
    ) s
    WHERE ${pipelinesOf(repoIds, workflowId)} AND s.in_scope > 0`;
  // The queue times of the completed runs in scope: of the window's whole days as kept
  // (queue-days.ts), of the rest from each run (run-summaries.ts); a few index ranges per pipeline.
  const queueQuery = db.$queryRaw<QueueRow[]>`
    SELECT w.id AS workflow_id, q.p50, q.p95
    FROM workflows w JOIN repositories repo ON repo.id = w.repo_id CROSS JOIN LATERAL (
      SELECT count(*) AS jobs,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::float8 AS p50,
        (percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::float8 AS p95
      FROM (${queueTimesInScope(scope)}) v
    ) q
    WHERE ${pipelinesOf(repoIds, workflowId)} AND q.jobs > 0`;
  const [rows, queue] = await Promise.all([runsQuery, queueQuery]);
  const queues = new Map(queue.map((q) => [Number(q.workflow_id), q]));
  return rows.map((row) => {
    const q = queues.get(Number(row.workflow_id));
    const divisor = row.runs - row.cancelled;
    return {
      workflowId: Number(row.workflow_id),
      runs: row.runs,
      successes: row.successes,
      failures: row.failures,
      cancelled: row.cancelled,
      successRate: divisor > 0 ? row.successes / divisor : null,
      durationMs: { p50: ms(row.p50), p95: ms(row.p95), max: ms(row.max) },
      queueMs: { p50: ms(q?.p50), p95: ms(q?.p95) },
      soleShaGroups: { groups: row.sole_groups, counted: row.sole_counted },
    };
  });
}
