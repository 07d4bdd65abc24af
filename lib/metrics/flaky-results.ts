// The flaky-test definition (docs/metrics.md) as SQL shared by the per-pipeline count
// (queryFlakyStats) and the list of flaky tests (listFlakyTests), so the two cannot disagree.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { pipelinesOf, runsInScope } from "./run-stats.ts";
import type { Scope } from "./scope.ts";

/**
 * The ids of the runs in scope of the pipelines of `repoIds` that meet `condition` (on `r`), to
 * keep a pipeline's jobs, cache events, ... by their run with `(x.run_id IN (...)) IS TRUE`:
 * wrapped so, the IN stays a hashed subplan (the ids hashed once) instead of becoming a join,
 * and rows read pipeline by pipeline stay grouped, with no sort.
 */
function runIdsInScope(
  scope: Scope,
  repoIds?: number[],
  condition: Prisma.Sql = Prisma.sql`TRUE`,
): Prisma.Sql {
  return Prisma.sql`SELECT r.id FROM workflows w JOIN repositories repo ON repo.id = w.repo_id
    CROSS JOIN LATERAL (SELECT r.id FROM workflow_runs r WHERE ${runsInScope(scope)} AND ${condition}) r
    WHERE ${pipelinesOf(repoIds)}`;
}

/**
 * Common table expressions, to follow `WITH`:
 * - `results`: the test results of the runs in scope (repo_id, workflow_id, suite, name,
 *   head_sha, outcome, created_at = the run's created_at); not materialized, so read it with
 *   conditions an index serves (an outcome, a test) rather than whole;
 * - `flaky_shas`: per pipeline, test and head SHA on which the test both failed (`failed`,
 *   `error`) and passed (`passed`, `flaky`), with the latest run's created_at there (`last_at`);
 * - `flaky`: the distinct (workflow_id, suite, name) flaky in scope: on such a SHA, or passed
 *   after a retry inside one job (outcome `flaky`).
 */
export function flakyTestCtes(scope: Scope, repoIds?: number[]): Prisma.Sql {
  const window = Prisma.sql`${scope.window.from} AND ${scope.window.to}`;
  // The runs in scope, of the pipelines with test results in the window only: a result's
  // workflow_id is its run's, so the runs of other pipelines cannot hold one, and hashing them
  // (most runs) would cost more than reading the results. min() reads one index entry.
  const withResults = Prisma.sql`(SELECT min(x.run_created_at) FROM test_results x
    WHERE x.workflow_id = w.id AND x.run_created_at >= ${scope.window.from}) <= ${scope.window.to}`;
  // Each pipeline's results in the window (test_results.run_created_at is their run's
  // created_at), kept when their run is in scope. Not materialized: each reader's conditions
  // reach the indexes (rare failures, one test's results) instead of a copy of every result.
  return Prisma.sql`results AS NOT MATERIALIZED (
      SELECT t.repo_id, t.workflow_id, t.suite, t.name, t.head_sha, t.outcome,
        t.run_created_at AS created_at
      FROM workflows w CROSS JOIN LATERAL (
        SELECT t.* FROM test_results t
        WHERE t.workflow_id = w.id AND t.run_created_at BETWEEN ${window}
          AND (t.run_id IN (${runIdsInScope(scope, repoIds, withResults)})) IS TRUE
      ) t
      WHERE ${pipelinesOf(repoIds)}
    ), flaky_shas AS (
      -- Failures are rare: each SHA where a test failed is looked up by its key (a lateral
      -- aggregate, so always by index), instead of grouping every result by SHA.
      SELECT f.workflow_id, f.suite, f.name, f.head_sha, x.last_at
      FROM (
        SELECT DISTINCT repo_id, workflow_id, suite, name, head_sha FROM results
        WHERE outcome IN ('failed', 'error')
      ) f CROSS JOIN LATERAL (
        SELECT max(x.created_at) AS last_at, bool_or(x.outcome IN ('passed', 'flaky')) AS passed
        FROM results x
        WHERE x.repo_id = f.repo_id AND x.head_sha = f.head_sha
          AND x.workflow_id = f.workflow_id AND x.suite = f.suite AND x.name = f.name
      ) x
      WHERE x.passed
    ), flaky AS (
      SELECT workflow_id, suite, name FROM flaky_shas
      UNION
      SELECT workflow_id, suite, name FROM results WHERE outcome = 'flaky'
    )`;
}
