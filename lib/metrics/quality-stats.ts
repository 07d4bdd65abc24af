// Per pipeline: flakiness (runs grouped by head SHA; tests that failed and passed on one SHA or
// passed after a retry), over the runs in scope (docs/metrics.md). The cache hit rate's counts
// come with the run stats (run-stats.ts), which read the same runs and kept days.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { countedAttempt } from "./conclusions.ts";
import { flakyTestCtes } from "./flaky-results.ts";
import { FAILURE_CONCLUSIONS, pipelinesOf, runsInScope } from "./run-stats.ts";
import type { Scope } from "./scope.ts";
import { type SoleGroups, soleGroupColumns } from "./sha-shared.ts";

export type CacheStats = { hits: number; partial: number; misses: number; hitRate: number | null };
export type FlakyStats = { flakyRuns: number; rate: number | null; flakyTests: number };

/**
 * The runs in scope of pipeline `w` (of repository `repo`) that meet `runs`, grouped by head
 * SHA: `head_sha`, `first_at` (the first run's creation), `flaky` (an attempt failed and a later
 * one, of the run or of a later run, succeeded) and `counted` (some attempt completed and was
 * not cancelled). Pipeline by pipeline: its runs in scope are one index range, and ordering its
 * few hundred attempts by SHA is cheap, where one sort of every attempt in scope is not.
 */
function shaGroupsOf(scope: Scope, runs: Prisma.Sql = Prisma.sql`TRUE`): Prisma.Sql {
  return Prisma.sql`
    SELECT head_sha, min(created_at) AS first_at,
      coalesce(min(pos) FILTER (WHERE status = 'completed' AND conclusion = ANY(${FAILURE_CONCLUSIONS}::text[]))
        < max(pos) FILTER (WHERE status = 'completed' AND conclusion = 'success'), false) AS flaky,
      bool_or(${countedAttempt(Prisma.sql``)}) AS counted
    FROM (
      SELECT head_sha, created_at, status, conclusion,
        row_number() OVER (PARTITION BY head_sha ORDER BY created_at, id, attempt) AS pos
      FROM (
        -- The latest attempt is the run's own status; only re-run runs (a few percent) have
        -- earlier attempts to read, so only they cost a visit of run_attempts.
        SELECT r.head_sha, r.created_at, r.id, r.run_attempt AS attempt, r.status, r.conclusion
        FROM workflow_runs r WHERE ${runsInScope(scope)} AND ${runs}
        UNION ALL
        SELECT r.head_sha, r.created_at, r.id, a.attempt, a.status, a.conclusion
        FROM workflow_runs r JOIN run_attempts a ON a.run_id = r.id AND a.attempt < r.run_attempt
        WHERE ${runsInScope(scope)} AND r.run_attempt > 1 AND ${runs}
      ) a
    ) attempts
    GROUP BY head_sha`;
}

/**
 * Common table expression `shas`: the runs in scope grouped by pipeline and head SHA
 * (workflow_id and the columns of shaGroupsOf), over the repositories `repoIds` (all when
 * absent) or the one workflow `workflowId`. Shared by the metric's series and the flaky flag
 * rule; the metric counts the same groups.
 */
export function shaGroupsCte(scope: Scope, repoIds?: number[], workflowId?: number): Prisma.Sql {
  return Prisma.sql`
    shas AS (
      SELECT w.id AS workflow_id, g.head_sha, g.first_at, g.flaky, g.counted
      FROM workflows w JOIN repositories repo ON repo.id = w.repo_id
        CROSS JOIN LATERAL (${shaGroupsOf(scope)}) g
      WHERE ${pipelinesOf(repoIds, workflowId)}
    )`;
}

/**
 * Flaky SHA groups and flaky tests, per pipeline with runs in scope. The groups of one run each
 * are counted from the index (`sole`, as a statement reading the runs in scope anyway gives them
 * with soleGroupColumns; else by a statement of its own), the others grouped by SHA: the groups
 * shaGroupsCte makes, read from the index of grouped runs (`sha_grouped`, the generated column
 * that is NOT SOLE_RUN), a small range per pipeline.
 */
export async function queryFlakyStats(
  db: Db,
  scope: Scope,
  repoIds?: number[],
  workflowId?: number,
  sole?: Promise<Map<number, SoleGroups>>,
): Promise<Map<number, FlakyStats>> {
  const soleQuery =
    sole ??
    db.$queryRaw<{ workflow_id: bigint; sole_groups: number; sole_counted: number }[]>`
      SELECT w.id AS workflow_id, s.sole_groups, s.sole_counted
      FROM workflows w JOIN repositories repo ON repo.id = w.repo_id CROSS JOIN LATERAL (
        SELECT ${soleGroupColumns()} FROM workflow_runs r WHERE ${runsInScope(scope)}
      ) s
      WHERE ${pipelinesOf(repoIds, workflowId)} AND s.sole_groups > 0`.then(
      (rows) =>
        new Map(
          rows.map((r) => [
            Number(r.workflow_id),
            { groups: r.sole_groups, counted: r.sole_counted },
          ]),
        ),
    );
  const groupsQuery = db.$queryRaw<{ workflow_id: bigint; flaky: number; counted: number }[]>`
    SELECT w.id AS workflow_id, g.flaky, g.counted
    FROM workflows w JOIN repositories repo ON repo.id = w.repo_id CROSS JOIN LATERAL (
      SELECT count(*) AS groups, count(*) FILTER (WHERE flaky)::int AS flaky,
        count(*) FILTER (WHERE counted)::int AS counted
      FROM (${shaGroupsOf(scope, Prisma.sql`r.sha_grouped`)}) g
    ) g
    WHERE ${pipelinesOf(repoIds, workflowId)} AND g.groups > 0`;
  const testsQuery = db.$queryRaw<{ workflow_id: bigint; flaky_tests: number }[]>`
    WITH ${flakyTestCtes(scope, repoIds)}
    SELECT workflow_id, count(*)::int AS flaky_tests FROM flaky GROUP BY workflow_id`;
  const [soles, groups, tests] = await Promise.all([soleQuery, groupsQuery, testsQuery]);
  const testCounts = new Map(tests.map((t) => [Number(t.workflow_id), t.flaky_tests]));
  const grouped = new Map(groups.map((g) => [Number(g.workflow_id), g]));
  const ids = new Set([
    ...[...soles].filter(([, s]) => s.groups > 0).map(([id]) => id),
    ...grouped.keys(),
  ]);
  return new Map(
    [...ids].map((id) => {
      const flaky = grouped.get(id)?.flaky ?? 0;
      const counted = (grouped.get(id)?.counted ?? 0) + (soles.get(id)?.counted ?? 0);
      const stats = {
        flakyRuns: flaky,
        rate: counted > 0 ? flaky / counted : null,
        flakyTests: testCounts.get(id) ?? 0,
      };
      return [id, stats];
    }),
  );
}
