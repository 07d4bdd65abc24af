// GET /api/v1/tests/flaky: the flaky tests (docs/metrics.md) of the tracked repositories over a
// scope, flakiest first. The definition is the one queryFlakyStats counts per pipeline
// (flaky-results.ts), so a pipeline's flakyTests is the number of tests here that name it.
import "server-only";
import type { Db } from "@/lib/db/client";
import { flakyTestCtes } from "./flaky-results.ts";
import type { Scope } from "./scope.ts";
import { listTrackedRepoIds } from "./tracked-repos.ts";

/** At most this many tests are listed (`total` counts them all). */
export const FLAKY_TESTS_LIMIT = 200;

export type FlakyTest = {
  suite: string;
  name: string;
  repo: string;
  /** The pipelines in which the test was flaky (not every pipeline it ran in). */
  pipelines: { workflowId: number; name: string }[];
  /** Head SHAs on which, within one pipeline, the test both failed and passed. */
  flakyShas: number;
  /** Results that passed after a retry inside one job (outcome `flaky`). */
  retriedPasses: number;
  /** Over all the test's results in scope, in any pipeline of its repository. */
  failures: number;
  passes: number;
  /** Created_at of the latest run in scope with a result of the test. */
  lastSeenAt: string;
  /** Created_at of the latest run in scope with evidence of its flakiness. */
  lastFlakyAt: string;
};

export type FlakyTestsReport = {
  generatedAt: string;
  window: { from: string; to: string };
  /** `*`: all branches; a branch name; null: each repository's default branch. */
  branch: string | null;
  /** Flaky tests in scope; `tests` holds the first FLAKY_TESTS_LIMIT of them. */
  total: number;
  tests: FlakyTest[];
};

type Row = {
  repo: string;
  suite: string;
  name: string;
  workflow_ids: bigint[];
  workflow_names: string[];
  flaky_shas: number;
  retried_passes: number;
  failures: number;
  passes: number;
  last_seen_at: Date;
  last_flaky_at: Date;
  total: number;
};

/**
 * The flaky tests of the tracked repositories (or of `repo`) over `scope`: a test is a suite
 * and name in one repository. Flakiest first: most flaky SHAs plus retried passes, then the
 * most recently flaky.
 */
export async function listFlakyTests(
  db: Db,
  scope: Scope,
  options: { repo?: string } = {},
): Promise<FlakyTestsReport> {
  const repoIds = await listTrackedRepoIds(db, options.repo);
  // Ranked on the rare evidence (flaky SHAs, retried passes) first; the counts over all of a
  // test's results are read, test by test, for the listed ones only.
  const rows = await db.$queryRaw<Row[]>`
    WITH ${flakyTestCtes(scope, repoIds)},
    flaky_tests AS (
      SELECT w.repo_id, f.suite, f.name,
        array_agg(w.id ORDER BY w.name, w.id) AS workflow_ids,
        array_agg(w.name ORDER BY w.name, w.id) AS workflow_names
      FROM flaky f JOIN workflows w ON w.id = f.workflow_id
      GROUP BY w.repo_id, f.suite, f.name
    ), shas AS (
      SELECT w.repo_id, s.suite, s.name, count(DISTINCT s.head_sha)::int AS flaky_shas,
        max(s.last_at) AS last_at
      FROM flaky_shas s JOIN workflows w ON w.id = s.workflow_id
      GROUP BY w.repo_id, s.suite, s.name
    ), retried AS (
      SELECT repo_id, suite, name, count(*)::int AS retried_passes,
        max(created_at) AS last_retried_at
      FROM results WHERE outcome = 'flaky'
      GROUP BY repo_id, suite, name
    ), ranked AS MATERIALIZED (
      SELECT ft.*, repo.full_name AS repo, coalesce(s.flaky_shas, 0) AS flaky_shas,
        coalesce(r.retried_passes, 0) AS retried_passes,
        greatest(s.last_at, r.last_retried_at) AS last_flaky_at,
        count(*) OVER ()::int AS total
      FROM flaky_tests ft
        LEFT JOIN shas s USING (repo_id, suite, name)
        LEFT JOIN retried r USING (repo_id, suite, name)
        JOIN repositories repo ON repo.id = ft.repo_id
      ORDER BY coalesce(s.flaky_shas, 0) + coalesce(r.retried_passes, 0) DESC, last_flaky_at DESC,
        repo.full_name, ft.suite, ft.name
      LIMIT ${FLAKY_TESTS_LIMIT}
    )
    SELECT ft.repo, ft.suite, ft.name, ft.workflow_ids, ft.workflow_names, ft.flaky_shas,
      ft.retried_passes, c.failures, c.passes, c.last_seen_at, ft.last_flaky_at, ft.total
    FROM ranked ft CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE x.outcome IN ('failed', 'error'))::int AS failures,
        count(*) FILTER (WHERE x.outcome IN ('passed', 'flaky'))::int AS passes,
        max(x.created_at) AS last_seen_at
      FROM results x
      WHERE x.repo_id = ft.repo_id AND x.suite = ft.suite AND x.name = ft.name
    ) c
    ORDER BY ft.flaky_shas + ft.retried_passes DESC, ft.last_flaky_at DESC, ft.repo, ft.suite,
      ft.name`;
  return {
    generatedAt: new Date().toISOString(),
    window: { from: scope.window.from.toISOString(), to: scope.window.to.toISOString() },
    branch:
      scope.branch.kind === "all" ? "*" : scope.branch.kind === "name" ? scope.branch.name : null,
    total: rows[0]?.total ?? 0,
    tests: rows.map((r) => ({
      suite: r.suite,
      name: r.name,
      repo: r.repo,
      pipelines: r.workflow_ids.map((id, i) => ({
        workflowId: Number(id),
        name: r.workflow_names[i] ?? "",
      })),
      flakyShas: r.flaky_shas,
      retriedPasses: r.retried_passes,
      failures: r.failures,
      passes: r.passes,
      lastSeenAt: r.last_seen_at.toISOString(),
      lastFlakyAt: r.last_flaky_at.toISOString(),
    })),
  };
}
