// One attempt's jobs as a Gantt chart, like actions-timeline: per job, the wait for a runner
// (created → started, hatched) drawn apart from the run (started → completed, coloured by
// conclusion with its icon); each job named in words and linked to its page on GitHub.

import a11y from "@/components/ui/a11y.module.css";
import { formatDuration, formatDurationShort } from "@/lib/format";
import styles from "./gantt.module.css";
import type { GanttAttempt } from "./gantt-layout";
import { OutcomeIcon } from "./icons";
import { OUTCOME_TONE, outcomeLabel, outcomeOf } from "./outcome";
import tones from "./outcome.module.css";

const pct = (x: number) => `${(x * 100).toFixed(3)}%`;

export function JobGantt({ attempt }: { attempt: GanttAttempt }) {
  return (
    <div className={styles.gantt} data-testid="job-gantt">
      <div className={styles.axis} aria-hidden="true">
        {attempt.ticks.map((tick) => (
          <span key={tick.ms} style={{ left: pct(tick.x) }}>
            {tick.ms === 0 ? "0" : `+${formatDurationShort(tick.ms)}`}
          </span>
        ))}
      </div>
      <ol className={styles.rows}>
        {attempt.rows.map(({ job, queue, run, open }) => {
          const outcome = outcomeOf(job.status, job.conclusion);
          const label = outcomeLabel(job.status, job.conclusion);
          const waited = job.queueMs ?? null;
          return (
            <li key={job.id} className={styles.row} data-testid="gantt-job">
              <span className={styles.name}>
                <span className={`${styles.icon} ${tones[OUTCOME_TONE[outcome]]}`}>
                  <OutcomeIcon outcome={outcome} size={14} />
                </span>
                {job.htmlUrl ? (
                  <a href={job.htmlUrl} target="_blank" rel="noreferrer" title={job.name}>
                    {job.name}
                  </a>
                ) : (
                  <span title={job.name}>{job.name}</span>
                )}
              </span>
              <span className={styles.bars} aria-hidden="true">
                {queue && (
                  <span
                    className={`${styles.queue} ${tones.queued} ${open && !run ? styles.live : ""}`}
                    style={{ left: pct(queue.left), width: pct(queue.width) }}
                    data-testid="gantt-queue"
                  />
                )}
                {run && (
                  <span
                    className={`${styles.run} ${tones[OUTCOME_TONE[outcome]]} ${open ? styles.live : ""}`}
                    style={{ left: pct(run.left), width: pct(run.width) }}
                    data-testid="gantt-run"
                  />
                )}
              </span>
              <span className={styles.times}>
                <span className={a11y.srOnly}>{label}: </span>
                {waited !== null && waited > 0 && (
                  <span className={styles.waited}>queued {formatDuration(waited)} · </span>
                )}
                {job.durationMs !== null
                  ? `ran ${formatDuration(job.durationMs)}`
                  : outcome === "skipped"
                    ? "skipped"
                    : open
                      ? run
                        ? "running…"
                        : "waiting for a runner…"
                      : label}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
