// An opened run: each attempt (oldest first) with its conclusion and times, and the Gantt of
// its jobs.
"use client";
import { formatDuration } from "@/lib/format";
import type { RunDetail } from "@/lib/metrics/recent-runs";
import { layOutGantt } from "./gantt-layout";
import { OutcomeIcon } from "./icons";
import { JobGantt } from "./job-gantt";
import { LocalTime } from "./local-time";
import { OUTCOME_TONE, outcomeLabel, outcomeOf } from "./outcome";
import tones from "./outcome.module.css";
import styles from "./runs.module.css";

export function RunDetails({ run, now }: { run: RunDetail; now: number }) {
  const attempts = layOutGantt(run.jobs, run.attempts, now);
  if (attempts.length === 0)
    return <p className="muted">No attempt or job of this run is recorded yet.</p>;
  return (
    <div className={styles.details} data-testid="run-details">
      <p className={styles.legend} aria-hidden="true">
        <span>
          <span className={`${styles.queueSwatch} ${tones.queued}`} /> waiting for a runner
        </span>
        <span>
          <span className={styles.runSwatch} /> running, coloured by conclusion
        </span>
      </p>
      {attempts.map((a) => {
        const status = a.summary?.status ?? null;
        const conclusion = a.summary?.conclusion ?? null;
        const outcome = outcomeOf(status, conclusion);
        const started = a.summary?.runStartedAt ?? null;
        const took =
          a.summary && started && outcome !== "running" && outcome !== "queued"
            ? Date.parse(a.summary.updatedAt) - Date.parse(started)
            : null;
        return (
          <section key={a.attempt} className={styles.attempt} aria-label={`Attempt ${a.attempt}`}>
            <h3 className={styles.attemptTitle}>
              Attempt {a.attempt}
              <span className={`${styles.outcome} ${tones[OUTCOME_TONE[outcome]]}`}>
                <OutcomeIcon outcome={outcome} size={14} />
                {a.summary ? outcomeLabel(status, conclusion) : "unknown"}
              </span>
              {started && (
                <span className={styles.attemptMeta}>
                  started <LocalTime at={started} now={now} mode="absolute" />
                  {took !== null && ` · took ${formatDuration(took)}`}
                </span>
              )}
            </h3>
            {a.rows.length === 0 ? (
              <p className="muted">No job of this attempt is recorded yet.</p>
            ) : (
              <JobGantt attempt={a} />
            )}
          </section>
        );
      })}
    </div>
  );
}
