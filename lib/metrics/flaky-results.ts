// The flaky-test definition (docs/metrics.md) as SQL shared by the per-pipeline count
// (queryFlakyStats) and the list of flaky tests (listFlakyTests), so the two cannot disagree.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { branchCondition } from "./run-stats.ts";
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
  const repos = repoIds
    ? Prisma.sql`AND r.repo_id = ANY(${repoIds.map(BigInt)}::bigint[])`
    : Prisma.empty;
  return Prisma.sql`results AS (
      SELECT t.repo_id, t.workflow_id, t.suite, t.name, t.head_sha, t.outcome, r.created_at
      FROM test_results t JOIN workflow_runs r ON r.id = t.run_id JOIN repositories repo ON repo.id = r.repo_id
      WHERE r.created_at >= ${scope.window.from} AND r.created_at <= ${scope.window.to}
        AND ${branchCondition(scope.branch)} ${repos}
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
