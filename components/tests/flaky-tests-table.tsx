// The flaky tests as a table: sortable columns (buttons in the headers, aria-sort on the active
// one), and a row that opens the test's history beneath it (a button with aria-expanded).
"use client";
import Link from "next/link";
import a11y from "@/components/ui/a11y.module.css";
import tables from "@/components/ui/data-table.module.css";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatCount, formatPercent } from "@/lib/format";
import type { FlakyTest } from "@/lib/metrics/flaky-tests";
import { failureRate, type SortDir, type SortKey, type TestsWindow, testKey } from "./filters.ts";
import { TestHistoryPanel } from "./test-history-panel.tsx";
import styles from "./tests.module.css";

const COLUMNS = 6;

type Props = {
  tests: FlakyTest[];
  sort: SortKey;
  dir: SortDir;
  onSort: (sort: SortKey) => void;
  open: string | null;
  onToggle: (key: string) => void;
  window: TestsWindow;
  now: number;
};

export function FlakyTestsTable(props: Props) {
  const { tests, sort, dir } = props;
  const header = (key: SortKey, label: string, className?: string) => (
    <th scope="col" className={className} aria-sort={sort === key ? `${dir}ending` : undefined}>
      <button type="button" className={styles.sortButton} onClick={() => props.onSort(key)}>
        {label}
        <span aria-hidden="true" className={styles.sortIcon}>
          {sort === key ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
  return (
    <div className={tables.scroll}>
      <table className={`${tables.table} ${styles.table}`} data-testid="flaky-tests">
        <caption className={a11y.srOnly}>
          Flaky tests. Column headers sort; a test's name opens its history.
        </caption>
        <thead>
          <tr>
            {header("name", "Test")}
            {header("flaky", "Flakiness")}
            {header("failures", "Failure rate")}
            {header("lastFlaky", "Last flaky")}
            {header("lastSeen", "Last seen")}
            <th scope="col">Pipelines</th>
          </tr>
        </thead>
        {tests.map((test) => (
          <TestRow key={testKey(test)} test={test} {...props} />
        ))}
      </table>
    </div>
  );
}

function TestRow({ test, open, onToggle, window, now }: Props & { test: FlakyTest }) {
  const key = testKey(test);
  const expanded = open === key;
  const panelId = `history-${encodeURIComponent(key).replace(/[^A-Za-z0-9_-]/g, "_")}`;
  const rate = failureRate(test);
  return (
    <tbody className={styles.test} data-testid="flaky-test" data-expanded={expanded}>
      <tr>
        <th scope="row" className={styles.testCell}>
          <button
            type="button"
            className={styles.expand}
            aria-expanded={expanded}
            aria-controls={expanded ? panelId : undefined}
            onClick={() => onToggle(key)}
          >
            <span aria-hidden="true" className={styles.chevron}>
              {expanded ? "▾" : "▸"}
            </span>
            <span className={styles.testName} data-testid="test-name">
              {test.name}
            </span>
            <span className={a11y.srOnly}> (history)</span>
          </button>
          <div className={styles.testMeta}>
            <span className={styles.suite}>{test.suite}</span>
            <code className={styles.repoName}>{test.repo}</code>
          </div>
        </th>
        <td data-label="Flakiness">
          <div title="Commits on which it failed and passed in one pipeline; passes after a retry in the job">
            <strong>{formatCount(test.flakyShas)}</strong>{" "}
            {test.flakyShas === 1 ? "flaky commit" : "flaky commits"}
            {test.retriedPasses > 0 && (
              <div className={tables.sub}>{formatCount(test.retriedPasses)} passed on retry</div>
            )}
          </div>
        </td>
        <td data-label="Failure rate">
          <div title={`${test.failures} failed or errored, ${test.passes} passed`}>
            {formatPercent(rate)}
            <div className={tables.sub}>
              {formatCount(test.failures)} of {formatCount(test.failures + test.passes)} results
            </div>
          </div>
        </td>
        <td data-label="Last flaky">
          <div>
            <TimeAgo at={test.lastFlakyAt} now={now} />
          </div>
        </td>
        <td data-label="Last seen">
          <div>
            <TimeAgo at={test.lastSeenAt} now={now} />
          </div>
        </td>
        <td data-label="Pipelines">
          <ul className={styles.pipelines}>
            {test.pipelines.map((p) => (
              <li key={p.workflowId}>
                <Link href={`/pipelines/${p.workflowId}`}>{p.name}</Link>
              </li>
            ))}
          </ul>
        </td>
      </tr>
      {expanded && (
        <tr className={styles.historyRow}>
          <td colSpan={COLUMNS} id={panelId}>
            <TestHistoryPanel test={test} window={window} now={now} />
          </td>
        </tr>
      )}
    </tbody>
  );
}
