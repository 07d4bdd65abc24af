// Per pipeline: completed runs and their conclusions, success rate, run duration percentiles
// and job queue time percentiles, over the runs in scope (docs/metrics.md). Aggregated in SQL;
// percentile_cont interpolates linearly between the two nearest values.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { BranchScope, Scope } from "./scope.ts";

/** Conclusions counted as failures, and as cancelled (excluded from the success rate). */
export const FAILURE_CONCLUSIONS = ["failure", "timed_out", "startup_failure"];
export const CANCELLED_CONCLUSIONS = ["cancelled", "skipped"];

export type RunStats = {
  workflowId: number;
  runs: number;
  successes: number;
  failures: number;
  cancelled: number;
  successRate: number | null;
  durationMs: { p50: number | null; p95: number | null; max: number | null };
  queueMs: { p50: number | null; p95: number | null };
};

/** The SQL condition on a run `r` (of repository `repo`) for the branch scope. */
export function branchCondition(branch: BranchScope): Prisma.Sql {
  if (branch.kind === "all") return Prisma.sql`TRUE`;
  if (branch.kind === "name") return Prisma.sql`r.head_branch = ${branch.name}`;
  return Prisma.sql`r.head_branch = repo.default_branch`;
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
};

type QueueRow = { workflow_id: bigint; p50: number | null; p95: number | null };

/** Run counts, success rate, durations and queue times of every pipeline with runs in scope. */
export async function queryRunStats(db: Db, scope: Scope, repoIds?: number[]): Promise<RunStats[]> {
  const repoFilter = repoIds
    ? Prisma.sql`AND r.repo_id = ANY(${repoIds.map(BigInt)}::bigint[])`
    : Prisma.empty;
  const inScope = Prisma.sql`r.created_at >= ${scope.window.from} AND r.created_at <= ${scope.window.to}
    AND ${branchCondition(scope.branch)} ${repoFilter}`;
  const done = Prisma.sql`r.status = 'completed'`;
  const success = Prisma.sql`r.status = 'completed' AND r.conclusion = 'success' AND r.run_started_at IS NOT NULL`;
  const duration = Prisma.sql`extract(epoch FROM (r.updated_at - r.run_started_at)) * 1000`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.workflow_id,
      count(*) FILTER (WHERE ${done})::int AS runs,
      count(*) FILTER (WHERE ${done} AND r.conclusion = 'success')::int AS successes,
      count(*) FILTER (WHERE ${done} AND r.conclusion = ANY(${FAILURE_CONCLUSIONS}::text[]))::int AS failures,
      count(*) FILTER (WHERE ${done} AND r.conclusion = ANY(${CANCELLED_CONCLUSIONS}::text[]))::int AS cancelled,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${duration}) FILTER (WHERE ${success}))::float8 AS p50,
      (percentile_cont(0.95) WITHIN GROUP (ORDER BY ${duration}) FILTER (WHERE ${success}))::float8 AS p95,
      (max(${duration}) FILTER (WHERE ${success}))::float8 AS max
    FROM workflow_runs r JOIN repositories repo ON repo.id = r.repo_id
    WHERE ${inScope}
    GROUP BY r.workflow_id`;
  const queue = await db.$queryRaw<QueueRow[]>`
    SELECT r.workflow_id,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (j.started_at - j.created_at)) * 1000))::float8 AS p50,
      (percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM (j.started_at - j.created_at)) * 1000))::float8 AS p95
    FROM workflow_runs r JOIN repositories repo ON repo.id = r.repo_id
      JOIN jobs j ON j.run_id = r.id
    WHERE ${inScope} AND ${done}
      AND j.conclusion IS DISTINCT FROM 'skipped' AND j.started_at IS NOT NULL AND j.created_at IS NOT NULL
    GROUP BY r.workflow_id`;
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
    };
  });
}
