// The strip above the table: how many pipelines, open flags, runs, the success rate and the
// typical duration, over the pipelines shown (the filters apply).
import { SeverityIcon } from "@/components/pipeline/icons";
import { formatCount, formatDuration, formatPercent } from "@/lib/format";
import styles from "./overview.module.css";
import type { OverviewSummary as Summary } from "./summarize.ts";

type Props = {
  summary: Summary;
  /** Pipelines before the filters. */
  total: number;
  /** `30 days`, `24 hours`. */
  windowText: string;
  /** The numbers are the previous scope's until the new ones arrive. */
  stale: boolean;
};

export function OverviewSummary({ summary: s, total, windowText, stale }: Props) {
  return (
    <dl
      className={styles.summary}
      aria-label="Summary of the pipelines shown"
      aria-busy={stale}
      data-stale={stale}
    >
      <div>
        <dt>Pipelines</dt>
        <dd data-testid="summary-pipelines">
          {formatCount(s.pipelines)}
          {s.pipelines !== total && <span className={styles.of}> of {formatCount(total)}</span>}
        </dd>
      </div>
      <div data-tone={s.critical > 0 ? "bad" : undefined}>
        <dt>Critical flags</dt>
        <dd data-testid="summary-critical">
          {s.critical > 0 && <SeverityIcon severity="critical" size={15} />}
          {formatCount(s.critical)}
        </dd>
      </div>
      <div data-tone={s.warning > 0 ? "warn" : undefined}>
        <dt>Warnings</dt>
        <dd data-testid="summary-warning">
          {s.warning > 0 && <SeverityIcon severity="warning" size={15} />}
          {formatCount(s.warning)}
        </dd>
      </div>
      <div>
        <dt>Runs in {windowText}</dt>
        <dd data-testid="summary-runs" title="Completed runs created in the window">
          {formatCount(s.runs)}
        </dd>
      </div>
      <div>
        <dt>Success rate</dt>
        <dd
          data-testid="summary-success"
          title={`${formatCount(s.successes)} of ${formatCount(s.decided)} completed runs (cancelled ones left out), all pipelines shown together`}
        >
          {formatPercent(s.successRate)}
        </dd>
      </div>
      <div>
        <dt>Median duration</dt>
        <dd
          data-testid="summary-duration"
          title={`The median of the ${s.withDuration} pipelines' median (p50) durations, each pipeline counting once however often it runs: ${s.medianP50Ms === null ? "—" : `${Math.round(s.medianP50Ms)} ms`}`}
        >
          {formatDuration(s.medianP50Ms)}
        </dd>
      </div>
    </dl>
  );
}
