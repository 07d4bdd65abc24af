// GET /api/v1/tests/history: one test's results over a window, newest first, so a person can
// see on which runs and commits a flaky test (lib/metrics/flaky-tests.ts) failed and passed.
// Every branch, like the flaky list: the same-SHA evidence shows mostly on pull requests.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { TestOutcome } from "@/lib/db/generated/enums";
import { UnknownRepositoryError } from "./pipelines.ts";
import type { Window } from "./scope.ts";

/** At most this many results are listed (`total` counts them all). */
export const TEST_HISTORY_LIMIT = 200;
/** A failure's message is cut to its first line and this many characters. */
export const TEST_MESSAGE_LIMIT = 300;

export type TestHistoryResult = {
  /** The workflow run (GitHub's id, as a decimal string). */
  runId: string;
  runNumber: number;
  /** The pipeline: the run's workflow id and name. */
  workflowId: number;
  pipeline: string;
  headSha: string;
  branch: string | null;
  /** The run attempt whose test report holds the result; null when unknown. */
  attempt: number | null;
  /** `flaky`: passed after failed tries inside the job. */
  outcome: TestOutcome;
  /** The run's created_at (the window's and the flaky list's time). */
  createdAt: string;
  /** The run on GitHub. */
  htmlUrl: string;
  /** The first line of the failure's message, cut to TEST_MESSAGE_LIMIT; null without one. */
  message: string | null;
};

export type TestHistory = {
  generatedAt: string;
  window: { from: string; to: string };
  repo: string;
  suite: string;
  name: string;
  /** Results in scope; `results` holds the newest TEST_HISTORY_LIMIT of them. */
  total: number;
  results: TestHistoryResult[];
};

type Row = {
  run_id: bigint;
  run_number: number;
  workflow_id: bigint;
  pipeline: string;
  head_sha: string;
  branch: string | null;
  attempt: number | null;
  outcome: TestOutcome;
  created_at: Date;
  html_url: string;
  message: string | null;
  total: number;
};

/**
 * The results of the test `suite` / `name` of the tracked repository `repo` (owner/name, any
 * case; UnknownRepositoryError when not tracked) in runs created in `window`, on every branch:
 * newest run first, then its latest attempt first. An unknown test has no results.
 */
export async function getTestHistory(
  db: Db,
  window: Window,
  test: { repo: string; suite: string; name: string },
): Promise<TestHistory> {
  const repo = await db.repository.findFirst({
    where: { tracked: true, fullName: { equals: test.repo, mode: "insensitive" } },
    select: { id: true, fullName: true },
  });
  if (!repo) throw new UnknownRepositoryError(`no tracked repository ${test.repo}`);
  const rows = await db.$queryRaw<Row[]>`
    SELECT r.id AS run_id, r.run_number, r.workflow_id, w.name AS pipeline, t.head_sha,
      r.head_branch AS branch, t.run_attempt AS attempt, t.outcome, r.created_at, r.html_url,
      left(nullif(split_part(t.message, E'\n', 1), ''), ${TEST_MESSAGE_LIMIT}) AS message,
      count(*) OVER ()::int AS total
    FROM test_results t
      JOIN workflow_runs r ON r.id = t.run_id
      JOIN workflows w ON w.id = r.workflow_id
    WHERE t.repo_id = ${repo.id} AND t.suite = ${test.suite} AND t.name = ${test.name}
      AND r.created_at >= ${window.from} AND r.created_at <= ${window.to}
    ORDER BY r.created_at DESC, r.id DESC, t.run_attempt DESC NULLS LAST, t.seq DESC
    LIMIT ${TEST_HISTORY_LIMIT}`;
  return {
    generatedAt: new Date().toISOString(),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    repo: repo.fullName,
    suite: test.suite,
    name: test.name,
    total: rows[0]?.total ?? 0,
    results: rows.map((r) => ({
      runId: String(r.run_id),
      runNumber: r.run_number,
      workflowId: Number(r.workflow_id),
      pipeline: r.pipeline,
      headSha: r.head_sha,
      branch: r.branch,
      attempt: r.attempt,
      outcome: r.outcome,
      createdAt: r.created_at.toISOString(),
      htmlUrl: r.html_url,
      message: r.message,
    })),
  };
}
