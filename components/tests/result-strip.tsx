// A test's latest results as a strip of bars, oldest on the left: the bar's height says the
// outcome (failed tall, passed on retry half, passed short), so colour is not the only signal;
// screen readers get the counts as the strip's name.
import { formatUtc } from "@/lib/format";
import type { TestHistoryResult } from "@/lib/metrics/test-history";
import styles from "./history.module.css";
import { countOutcomes, describeCounts, OUTCOMES } from "./history.ts";

/** At most this many bars: 3 px each still fit a phone. */
export const STRIP_LIMIT = 100;

export function ResultStrip({ results }: { results: TestHistoryResult[] }) {
  const shown = results.slice(0, STRIP_LIMIT).reverse();
  if (shown.length === 0) return null;
  const label = `The latest ${shown.length} results, oldest first: ${describeCounts(countOutcomes(shown))}.`;
  return (
    <div className={styles.stripFigure}>
      <div className={styles.strip} role="img" aria-label={label}>
        {shown.map((r, i) => (
          <span
            // Results have no id of their own; their place in the list is stable for a render.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            className={`${styles.bar} ${styles[r.outcome]}`}
            title={`${OUTCOMES[r.outcome].label} · run #${r.runNumber}${r.attempt && r.attempt > 1 ? ` attempt ${r.attempt}` : ""} · ${formatUtc(r.createdAt)}`}
          />
        ))}
      </div>
      <div className={styles.legend} aria-hidden="true">
        <span>
          <i className={`${styles.key} ${styles.failed}`} /> failed
        </span>
        <span>
          <i className={`${styles.key} ${styles.flaky}`} /> passed on retry
        </span>
        <span>
          <i className={`${styles.key} ${styles.passed}`} /> passed
        </span>
        <span className={styles.legendAxis}>oldest → newest</span>
      </div>
    </div>
  );
}
