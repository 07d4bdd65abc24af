// /tests: the flakiest tests of the tracked repositories, with filters kept in the URL and each
// test's history. The server reads the first answer for the URL's filters (a complete first
// paint); the browser polls from there.
import type { Metadata } from "next";
import { parseTestFilters, type TestFilters, testFilterProblems } from "@/components/tests/filters";
import { FlakyTestsView } from "@/components/tests/flaky-tests-view";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getLogger } from "@/lib/log/log";
import { type FlakyTestsReport, listFlakyTests } from "@/lib/metrics/flaky-tests";
import { UnknownRepositoryError } from "@/lib/metrics/pipelines";
import { parseBranch, parseWindow } from "@/lib/metrics/scope";
import { getSyncReport } from "@/lib/sync/sync-report";

export const metadata: Metadata = { title: "Flaky tests" };
export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The tracked repositories and the first list, read at once; a repository in the URL that is not
 * tracked is dropped (the list then covers every repository).
 */
async function readFirstData(filters: TestFilters) {
  const db = getDb();
  const scope = { window: parseWindow(filters.window, new Date()), branch: parseBranch("*") };
  const list = (repo: string) => listFlakyTests(db, scope, { repo: repo || undefined });
  const [sync, requested] = await Promise.all([
    getSyncReport(db, getConfig().pollIntervalSeconds * 1000),
    list(filters.repo).catch((error: unknown) => {
      if (error instanceof UnknownRepositoryError) return null;
      throw error;
    }),
  ]);
  const repos = sync.repositories.filter((r) => r.tracked).map((r) => r.repo);
  const repo = requested
    ? (repos.find((r) => r.toLowerCase() === filters.repo.toLowerCase()) ?? filters.repo)
    : "";
  const report = requested ?? (await list(""));
  return { repos, report, filters: { ...filters, repo } };
}

export default async function TestsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const search = await searchParams;
  const requested = parseTestFilters(search);
  let first: { repos: string[]; report: FlakyTestsReport | null; filters: TestFilters };
  let error: string | null = null;
  try {
    first = await readFirstData(requested);
  } catch (cause: unknown) {
    getLogger().error({ err: cause, page: "/tests" }, "the tests page's data could not be read");
    first = { repos: [], report: null, filters: requested };
    error = "the database cannot be read";
  }
  const problems = testFilterProblems(search);
  if (requested.repo && !first.filters.repo && !error)
    problems.push({
      parameter: "repo",
      value: requested.repo,
      accepted: `a tracked repository (${first.repos.join(", ") || "none yet"})`,
      instead: "every repository",
    });
  return (
    <main>
      <h1>Flaky tests</h1>
      <p className="muted">
        Tests that failed and passed on the same commit, or passed after a retry, on any branch.
        Open one to see on which runs and commits it failed.
      </p>
      <FlakyTestsView
        initial={first.report}
        initialFilters={first.filters}
        repos={first.repos}
        reportPattern={getConfig().testReportPattern.source}
        initialError={error}
        problems={problems}
      />
    </main>
  );
}
