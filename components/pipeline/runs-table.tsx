// The pipeline's latest runs, newest first, each linking to GitHub; a run's row opens (button,
// Enter or Space) onto its attempts and the Gantt of its jobs. Open rows stay open while the page
// refreshes itself.
"use client";
import { useState } from "react";
import a11y from "@/components/ui/a11y.module.css";
import { formatCount, formatDuration } from "@/lib/format";
import type { RunDetail } from "@/lib/metrics/recent-runs";
import { commitUrl } from "./github-links";
import { OutcomeIcon } from "./icons";
import { LocalTime } from "./local-time";
import { OUTCOME_TONE, outcomeLabel, outcomeOf } from "./outcome";
import tones from "./outcome.module.css";
import { RunDetails } from "./run-details";
import styles from "./runs.module.css";

const FIRST_ROWS = 15;

type Props = { runs: RunDetail[]; repo: string; now: number };

export function RunsTable({ runs, repo, now }: Props) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [all, setAll] = useState(false);
  const shown = all ? runs : runs.slice(0, FIRST_ROWS);
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section className="card" aria-labelledby="runs-title">
      <h2 id="runs-title">Latest runs</h2>
      {runs.length === 0 ? (
        <p className="muted">
          No run on this branch yet: the runs appear here once GitHub has some.
        </p>
      ) : (
        <div className="table-scroll">
          <table className={styles.table} data-testid="runs-table">
            <caption className={styles.caption}>
              The latest {runs.length} runs, newest first; open one for its jobs.
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className={a11y.srOnly}>Jobs</span>
                </th>
                <th scope="col">Run</th>
                <th scope="col">Conclusion</th>
                <th scope="col">Event</th>
                <th scope="col">Branch</th>
                <th scope="col">Commit</th>
                <th scope="col">Attempts</th>
                <th scope="col">Duration</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((run) => (
                <RunRows
                  key={run.id}
                  run={run}
                  repo={repo}
                  now={now}
                  open={open.has(run.id)}
                  onToggle={() => toggle(run.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {runs.length > FIRST_ROWS && (
        <button type="button" className={styles.more} onClick={() => setAll(!all)}>
          {all ? `Show the first ${FIRST_ROWS} only` : `Show all ${runs.length} runs`}
        </button>
      )}
    </section>
  );
}

type RowProps = { run: RunDetail; repo: string; now: number; open: boolean; onToggle: () => void };

function RunRows({ run, repo, now, open, onToggle }: RowProps) {
  const outcome = outcomeOf(run.status, run.conclusion);
  const detailsId = `run-${run.id}-jobs`;
  return (
    <>
      <tr
        className={open ? styles.openRow : undefined}
        data-testid="run-row"
        data-run={run.runNumber}
      >
        <td className={styles.toggleCell}>
          <button
            type="button"
            className={styles.toggle}
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            onClick={onToggle}
            data-testid="run-toggle"
          >
            <span aria-hidden="true" className={styles.chevron}>
              ▸
            </span>
            <span className={a11y.srOnly}>
              {open ? "Hide" : "Show"} the jobs of run #{run.runNumber}
            </span>
          </button>
        </td>
        <th scope="row">
          <a href={run.htmlUrl} target="_blank" rel="noreferrer">
            #{run.runNumber}
          </a>
        </th>
        <td data-label="Conclusion">
          <span className={`${styles.outcome} ${tones[OUTCOME_TONE[outcome]]}`}>
            <OutcomeIcon outcome={outcome} size={14} />
            {outcomeLabel(run.status, run.conclusion)}
          </span>
        </td>
        <td data-label="Event">{run.event.replaceAll("_", " ")}</td>
        <td data-label="Branch" className={styles.branch}>
          {run.branch ?? "—"}
        </td>
        <td data-label="Commit">
          <a
            href={commitUrl(repo, run.headSha, run.htmlUrl)}
            target="_blank"
            rel="noreferrer"
            title={run.headSha}
          >
            <code>{run.headSha.slice(0, 7)}</code>
          </a>
        </td>
        <td data-label="Attempts">{formatCount(run.runAttempt)}</td>
        <td
          data-label="Duration"
          title={run.durationMs === null ? undefined : `${formatCount(run.durationMs)} ms`}
        >
          {run.durationMs === null
            ? outcome === "running"
              ? "running…"
              : "—"
            : formatDuration(run.durationMs)}
        </td>
        <td data-label="Created">
          <LocalTime at={run.createdAt} now={now} mode="absolute" />
        </td>
      </tr>
      {open && (
        <tr className={styles.detailsRow}>
          <td colSpan={9} id={detailsId}>
            <RunDetails run={run} now={now} />
          </td>
        </tr>
      )}
    </>
  );
}
