// One flaky test's history (GET /api/v1/tests/history): its latest results as a strip, then per
// commit and pipeline what it did there, oldest result first, each linked to its run on GitHub.
// By default only the commits where it failed: the evidence of flakiness.
"use client";
import Link from "next/link";
import { useState } from "react";
import { commitUrl } from "@/components/pipeline/github-links";
import tables from "@/components/ui/data-table.module.css";
import { TimeAgo } from "@/components/ui/time-ago";
import type { FlakyTest } from "@/lib/metrics/flaky-tests";
import { useTestHistoryQuery } from "@/lib/queries/hooks";
import { type TestsWindow, WINDOW_LABELS } from "./filters.ts";
import styles from "./history.module.css";
import {
  attemptUrl,
  type CommitGroup,
  countOutcomes,
  describeCounts,
  failedThere,
  groupByCommit,
  OUTCOMES,
  VERDICTS,
} from "./history.ts";
import { ResultStrip } from "./result-strip.tsx";
import shared from "./tests.module.css";

type Props = { test: FlakyTest; window: TestsWindow; now: number };

/** Commits shown at first, and added by each "show more". */
const PAGE = 10;

export function TestHistoryPanel({ test, window, now }: Props) {
  const [onlyFailing, setOnlyFailing] = useState(true);
  const [limit, setLimit] = useState(PAGE);
  const query = useTestHistoryQuery({
    repo: test.repo,
    suite: test.suite,
    name: test.name,
    window,
  });
  const history = query.data;
  if (!history) {
    return query.isError ? (
      <p className={tables.problem} role="alert">
        <span aria-hidden="true">✕ </span>The history cannot be read: {query.error.message}.{" "}
        <button type="button" className={shared.linkButton} onClick={() => query.refetch()}>
          Try again
        </button>
      </p>
    ) : (
      <p className={shared.loading} aria-busy="true">
        Reading the history…
      </p>
    );
  }
  const groups = groupByCommit(history.results);
  const failing = groups.filter(failedThere);
  const listed = onlyFailing ? failing : groups;
  const shown = listed.slice(0, limit);
  const partial = history.total > history.results.length;
  return (
    <div className={styles.history} data-testid="test-history">
      <p className={styles.historySummary}>
        <strong>{history.total.toLocaleString("en-US")} results</strong> in the{" "}
        {WINDOW_LABELS[window]}, every branch.{" "}
        {partial ? `The newest ${history.results.length}: ` : ""}
        {describeCounts(countOutcomes(history.results))}.
      </p>
      <ResultStrip results={history.results} />
      {groups.length > 0 && (
        <label className={styles.toggle}>
          <input
            type="checkbox"
            checked={onlyFailing}
            onChange={(event) => {
              setOnlyFailing(event.target.checked);
              setLimit(PAGE);
            }}
          />
          Only the commits where it failed ({failing.length} of {groups.length}
          {partial ? " in these results" : ""})
        </label>
      )}
      {shown.length === 0 ? (
        <p className="muted">
          {groups.length === 0
            ? "No result of this test in the window."
            : "It did not fail on any commit of these results; untick the box to see them all."}
        </p>
      ) : (
        <ol className={styles.groups} aria-label={`${test.name}: results by commit`}>
          {shown.map((group) => (
            <CommitItem key={group.key} group={group} repo={test.repo} now={now} />
          ))}
        </ol>
      )}
      {listed.length > shown.length && (
        <p className={styles.more}>
          {shown.length} of {listed.length} commits.{" "}
          <button
            type="button"
            className={shared.linkButton}
            onClick={() => setLimit(limit + PAGE)}
          >
            Show {Math.min(PAGE, listed.length - shown.length)} more
          </button>{" "}
          ·{" "}
          <button
            type="button"
            className={shared.linkButton}
            onClick={() => setLimit(listed.length)}
          >
            Show all
          </button>
        </p>
      )}
    </div>
  );
}

function CommitItem({ group, repo, now }: { group: CommitGroup; repo: string; now: number }) {
  const verdict = VERDICTS[group.verdict];
  const runUrl = group.results[0]?.htmlUrl;
  return (
    <li className={styles.group} data-testid="commit-group" data-verdict={group.verdict}>
      <div className={styles.groupHead}>
        <span className={`${styles.outcome} ${styles[verdict.tone]}`}>
          <span aria-hidden="true">{verdict.icon}</span> {verdict.label}
        </span>
        <span>
          on{" "}
          <a href={commitUrl(repo, group.headSha, runUrl)} title={group.headSha}>
            <code>{group.headSha.slice(0, 7)}</code>
          </a>
          {group.branch && (
            <>
              {" "}
              <code className={styles.branch}>{group.branch}</code>
            </>
          )}{" "}
          in <Link href={`/pipelines/${group.workflowId}`}>{group.pipeline}</Link>
        </span>
      </div>
      <ol className={styles.results}>
        {group.results.map((r, i) => {
          const look = OUTCOMES[r.outcome];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a run can hold the test more than once
            <li key={`${r.runId}-${r.attempt}-${i}`} data-outcome={r.outcome}>
              <span className={`${styles.outcome} ${styles[look.tone]}`}>
                <span aria-hidden="true">{look.icon}</span> {look.label}
              </span>{" "}
              <a href={attemptUrl(r)}>
                run #{r.runNumber}
                {r.attempt ? `, attempt ${r.attempt}` : ""}
              </a>{" "}
              <span className="muted">
                <TimeAgo at={r.createdAt} now={now} />
              </span>
              {r.message && <span className={styles.message}>{r.message}</span>}
            </li>
          );
        })}
      </ol>
    </li>
  );
}
