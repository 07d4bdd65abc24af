// The Flaky tests page in the browser: filters kept in the URL (replaceState: no server round
// trip, no scroll jump), GET /api/v1/tests/flaky polled from the server's first answer, search
// and sort in the browser, and one test's history open at a time.
"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import tables from "@/components/ui/data-table.module.css";
import { ParamNotice, type ParamProblem } from "@/components/ui/param-notice";
import { TimeAgo } from "@/components/ui/time-ago";
import type { FlakyTestsReport } from "@/lib/metrics/flaky-tests";
import { useFlakyTestsQuery } from "@/lib/queries/hooks";
import { FilterBar } from "./filter-bar.tsx";
import {
  filtersToSearch,
  firstDir,
  type SortKey,
  searchTests,
  sortTests,
  type TestFilters,
  WINDOW_LABELS,
} from "./filters.ts";
import { FlakyTestsTable } from "./flaky-tests-table.tsx";
import { NoFlakyTests } from "./no-flaky-tests.tsx";
import styles from "./tests.module.css";

type Props = {
  initial: FlakyTestsReport | null;
  initialFilters: TestFilters;
  /** The tracked repositories, for the repository filter. */
  repos: string[];
  /** PIPEWATCH_TEST_REPORT_PATTERN, for the empty state. */
  reportPattern: string;
  /** Why the server could not read the first answer (the browser then tries itself). */
  initialError: string | null;
  /** The address's parameters the filters ignored. */
  problems: ParamProblem[];
};

export function FlakyTestsView({
  initial,
  initialFilters,
  repos,
  reportPattern,
  initialError,
  problems,
}: Props) {
  const [filters, setFilters] = useState(initialFilters);
  const [open, setOpen] = useState<string | null>(null);
  const sameScope =
    filters.window === initialFilters.window && filters.repo === initialFilters.repo;
  const query = useFlakyTestsQuery(
    { window: filters.window, repo: filters.repo || undefined },
    { initialData: sameScope && initial ? initial : undefined },
  );

  useEffect(() => {
    const search = filtersToSearch(filters);
    if (window.location.search !== search)
      window.history.replaceState(window.history.state, "", `${window.location.pathname}${search}`);
  }, [filters]);

  const change = (next: Partial<TestFilters>) => setFilters((current) => ({ ...current, ...next }));
  const onSort = (sort: SortKey) =>
    change({
      sort,
      dir: filters.sort === sort ? (filters.dir === "asc" ? "desc" : "asc") : firstDir(sort),
    });

  const report = query.data;
  const scope = `${filters.repo || "all repositories"}, ${WINDOW_LABELS[filters.window]}`;
  const found = report ? searchTests(report.tests, filters.q) : [];
  const tests = sortTests(found, filters.sort, filters.dir);
  const updating = query.isFetching && query.isPlaceholderData;
  const error = query.isError ? query.error.message : report ? null : initialError;

  return (
    <>
      {/* Said until the filters change: the address then holds them, without what was ignored. */}
      {filters === initialFilters && <ParamNotice problems={problems} />}
      <FilterBar filters={filters} repos={repos} onChange={change} />
      {error && (
        <p className={tables.problem} role="alert">
          <span aria-hidden="true">✕ </span>
          {report
            ? `Could not refresh (${error}); showing the list read before.`
            : `The flaky tests cannot be read: ${error}.`}{" "}
          <button type="button" className={styles.linkButton} onClick={() => query.refetch()}>
            Try again
          </button>
        </p>
      )}
      {!report ? (
        !error && (
          <p className={styles.loading} aria-busy="true">
            Reading the flaky tests…
          </p>
        )
      ) : report.total === 0 ? (
        <NoFlakyTests
          scope={scope}
          reportPattern={reportPattern}
          longer={filters.window !== "90d" ? () => change({ window: "90d" }) : undefined}
        />
      ) : (
        <section
          className={`card ${styles.listCard}`}
          aria-labelledby="flaky-title"
          aria-busy={updating}
        >
          <div className={styles.listHead}>
            <h2 id="flaky-title">
              {report.total} flaky {report.total === 1 ? "test" : "tests"}
            </h2>
            <p className={styles.scope}>
              {scope}
              {report.total > report.tests.length && ` · the flakiest ${report.tests.length}`}
              <span aria-live="polite">
                {filters.q.trim() && ` · ${found.length} matching “${filters.q.trim()}”`}
              </span>
              {" · "}
              {updating ? (
                "updating…"
              ) : (
                <>
                  updated <TimeAgo at={report.generatedAt} now={Date.parse(report.generatedAt)} />
                </>
              )}
            </p>
          </div>
          {tests.length === 0 ? (
            <p>
              No flaky test matches “{filters.q.trim()}”.{" "}
              <button type="button" className={styles.linkButton} onClick={() => change({ q: "" })}>
                Clear the search
              </button>
            </p>
          ) : (
            <FlakyTestsTable
              tests={tests}
              sort={filters.sort}
              dir={filters.dir}
              onSort={onSort}
              open={open}
              onToggle={(key) => setOpen((current) => (current === key ? null : key))}
              window={filters.window}
              now={Date.parse(report.generatedAt)}
            />
          )}
        </section>
      )}
      {repos.length === 0 && (
        <p className="muted">
          No repository is watched yet: <Link href="/status">Sync status</Link> explains how to add
          one.
        </p>
      )}
    </>
  );
}
