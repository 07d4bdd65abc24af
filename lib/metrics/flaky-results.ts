// The flaky-test definition (docs/metrics.md) as SQL shared by the per-pipeline count
// (queryFlakyStats) and the list of flaky tests (listFlakyTests), so the two cannot disagree.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { pipelinesOf, runIdsInScope } from "./run-stats.ts";
import type { Scope } from "./scope.ts";

/**
 * Common table expressions, to follow `WITH`:
 * - `results`: the test results of the runs in scope (repo_id, workflow_id, suite, name,
 *   head_sha, outcome, created_at = the run's created_at);
 * - `flaky_shas`: per pipeline, test and head SHA on which the test both failed (`failed`,
 *   `error`) and passed (`passed`, `flaky`), with the latest run's created_at there (`last_at`);
 * - `flaky`: the distinct (workflow_id, suite, name) flaky in scope: on such a SHA, or passed
 *   after a retry inside one job (outcome `flaky`).
 */
export function flakyTestCtes(scope: Scope, repoIds?: number[]): Prisma.Sql {
  // Each pipeline's results in the window (test_results.run_created_at is their run's
  // created_at), one index range per pipeline, kept when their run is in scope.
  return Prisma.sql`results AS (
      SELECT t.repo_id, t.workflow_id, t.suite, t.name, t.head_sha, t.outcome,
        t.run_created_at AS created_at
      FROM workflows w CROSS JOIN LATERAL (
        SELECT t.* FROM test_results t
        WHERE t.workflow_id = w.id
          AND t.run_created_at >= ${scope.window.from} AND t.run_created_at <= ${scope.window.to}
          AND (t.run_id IN (${runIdsInScope(scope, repoIds)})) IS TRUE
      ) t
      WHERE ${pipelinesOf(repoIds)}
    ), flaky_shas AS (
      SELECT workflow_id, suite, name, head_sha, max(created_at) AS last_at
      FROM results GROUP BY workflow_id, suite, name, head_sha
      HAVING bool_or(outcome IN ('failed', 'error')) AND bool_or(outcome IN ('passed', 'flaky'))
    ), flaky AS (
      SELECT workflow_id, suite, name FROM flaky_shas
      UNION
      SELECT workflow_id, suite, name FROM results WHERE outcome = 'flaky'
    )`;
}
