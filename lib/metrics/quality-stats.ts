// Per pipeline: cache hit rate (restore events from job logs) and flakiness (runs grouped by
// head SHA; tests that failed and passed on one SHA or passed after a retry), over the runs in
// scope (docs/metrics.md).
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { flakyTestCtes } from "./flaky-results.ts";
import { branchCondition, CANCELLED_CONCLUSIONS, FAILURE_CONCLUSIONS } from "./run-stats.ts";
import type { Scope } from "./scope.ts";

export type CacheStats = { hits: number; partial: number; misses: number; hitRate: number | null };
export type FlakyStats = { flakyRuns: number; rate: number | null; flakyTests: number };

function inScope(scope: Scope, repoIds?: number[]): Prisma.Sql {
  const repos = repoIds
    ? Prisma.sql`AND r.repo_id = ANY(${repoIds.map(BigInt)}::bigint[])`
    : Prisma.empty;
  return Prisma.sql`r.created_at >= ${scope.window.from} AND r.created_at <= ${scope.window.to}
    AND ${branchCondition(scope.branch)} ${repos}`;
}

/** Cache restores by outcome, per pipeline with any. */
export async function queryCacheStats(
  db: Db,
  scope: Scope,
  repoIds?: number[],
): Promise<Map<number, CacheStats>> {
  const rows = await db.$queryRaw<
    { workflow_id: bigint; hits: number; partial: number; misses: number }[]
  >`
    SELECT c.workflow_id,
      count(*) FILTER (WHERE c.outcome = 'exact')::int AS hits,
      count(*) FILTER (WHERE c.outcome = 'partial')::int AS partial,
      count(*) FILTER (WHERE c.outcome = 'miss')::int AS misses
    FROM cache_events c JOIN workflow_runs r ON r.id = c.run_id JOIN repositories repo ON repo.id = r.repo_id
    WHERE c.kind = 'restore' AND ${inScope(scope, repoIds)}
    GROUP BY c.workflow_id`;
  return new Map(
    rows.map((r) => {
      const total = r.hits + r.partial + r.misses;
      const stats = {
        hits: r.hits,
        partial: r.partial,
        misses: r.misses,
        hitRate: total ? r.hits / total : null,
      };
      return [Number(r.workflow_id), stats];
    }),
  );
}

/**
 * Common table expression `shas`: the runs in scope grouped by pipeline and head SHA, with
 * `flaky` (an attempt failed and a later one, of the run or of a later run, succeeded),
 * `counted` (some attempt completed and was not cancelled) and `first_at` (the first run's
 * creation), over the repositories `repoIds` (all when absent) or the one workflow `workflowId`.
 * Shared by the metric, its series and the flaky flag rule.
 */
export function shaGroupsCte(scope: Scope, repoIds?: number[], workflowId?: number): Prisma.Sql {
  const workflow =
    workflowId === undefined ? Prisma.empty : Prisma.sql`AND r.workflow_id = ${BigInt(workflowId)}`;
  return Prisma.sql`
    attempts AS (
      SELECT r.workflow_id, r.head_sha, r.created_at, a.status, a.conclusion,
        row_number() OVER (PARTITION BY r.workflow_id, r.head_sha ORDER BY r.created_at, r.id, a.attempt) AS pos
      FROM workflow_runs r JOIN repositories repo ON repo.id = r.repo_id
        JOIN run_attempts a ON a.run_id = r.id
      WHERE ${inScope(scope, repoIds)} ${workflow}
    ), shas AS (
      SELECT workflow_id, head_sha, min(created_at) AS first_at,
        coalesce(min(pos) FILTER (WHERE status = 'completed' AND conclusion = ANY(${FAILURE_CONCLUSIONS}::text[]))
          < max(pos) FILTER (WHERE status = 'completed' AND conclusion = 'success'), false) AS flaky,
        bool_or(status = 'completed' AND conclusion IS NOT NULL
                AND conclusion <> ALL(${CANCELLED_CONCLUSIONS}::text[])) AS counted
      FROM attempts GROUP BY workflow_id, head_sha
    )`;
}

/** Flaky SHA groups and flaky tests, per pipeline with runs in scope. */
export async function queryFlakyStats(
  db: Db,
  scope: Scope,
  repoIds?: number[],
): Promise<Map<number, FlakyStats>> {
  const groups = await db.$queryRaw<{ workflow_id: bigint; flaky: number; counted: number }[]>`
    WITH ${shaGroupsCte(scope, repoIds)}
    SELECT workflow_id,
      count(*) FILTER (WHERE flaky)::int AS flaky,
      count(*) FILTER (WHERE counted)::int AS counted
    FROM shas GROUP BY workflow_id`;
  const tests = await db.$queryRaw<{ workflow_id: bigint; flaky_tests: number }[]>`
    WITH ${flakyTestCtes(scope, repoIds)}
    SELECT workflow_id, count(*)::int AS flaky_tests FROM flaky GROUP BY workflow_id`;
  const testCounts = new Map(tests.map((t) => [Number(t.workflow_id), t.flaky_tests]));
  return new Map(
    groups.map((g) => [
      Number(g.workflow_id),
      {
        flakyRuns: g.flaky,
        rate: g.counted > 0 ? g.flaky / g.counted : null,
        flakyTests: testCounts.get(Number(g.workflow_id)) ?? 0,
      },
    ]),
  );
}
