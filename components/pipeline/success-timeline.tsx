// The success timeline: the latest runs on a time axis, one mark per run in the lane of its
// outcome (shape, lane and colour), the gaps between successes drawn between them, and the
// open gap since the last success highlighted with its length.
"use client";
import { useHydrated } from "@/components/ui/time-ago";
import { formatDateTime, formatDuration, formatUtc } from "@/lib/format";
import type { RunDetail } from "@/lib/metrics/recent-runs";
import { OutcomeIcon } from "./icons";
import { outcomeLabel } from "./outcome";
import styles from "./timeline.module.css";
import { layOutTimeline } from "./timeline-layout";

type Props = { runs: RunDetail[]; now: number; branch: string };

const LANES = ["passed", "failed", "other"] as const;
const DAY = 86_400_000;
const pct = (x: number) => `${(x * 100).toFixed(3)}%`;

export function SuccessTimeline({ runs, now, branch }: Props) {
  const hydrated = useHydrated();
  const zone = hydrated ? {} : { timeZone: "UTC" };
  const layout = layOutTimeline(runs, now);
  // Over more than two days the date says enough; over less, the time.
  const tickText = (at: number) =>
    layout.to - layout.from > 2 * DAY
      ? formatDateTime(at, { ...zone, now }).replace(/,.*$/, "")
      : formatDateTime(at, { ...zone, now });
  const { current } = layout;
  const scope =
    branch === "*" ? "on all branches" : branch ? `on ${branch}` : "on the default branch";
  const headline =
    runs.length === 0
      ? `No run ${scope} yet.`
      : current.ms === null
        ? `No success in the latest ${runs.length} runs ${scope}.`
        : current.failures > 0
          ? `No success for ${formatDuration(current.ms)}: ${current.failures} failed run${current.failures === 1 ? "" : "s"} since the last one.`
          : current.runs === 0
            ? `Last success ${formatDuration(current.ms)} ago: the latest run passed.`
            : `Last success ${formatDuration(current.ms)} ago; nothing failed since.`;
  const broken = current.failures > 0 || current.ms === null;
  return (
    <section className="card" aria-labelledby="timeline-title" data-testid="success-timeline">
      <div className={styles.head}>
        <h2 id="timeline-title">Success timeline</h2>
        <p className={broken ? styles.currentBad : styles.currentOk} data-testid="current-gap">
          <OutcomeIcon outcome={broken ? "failure" : "success"} size={14} /> {headline}
        </p>
      </div>
      <p className="muted">
        The latest {runs.length} runs {scope}, by when they were created; lines join consecutive
        successes (dashed red where runs failed between them).
      </p>
      {runs.length > 0 && (
        <div className={styles.chart} role="img" aria-label={`Success timeline: ${headline}`}>
          <div className={styles.lanes}>
            {LANES.map((lane) => (
              <span key={lane} className={styles.laneName}>
                {lane}
              </span>
            ))}
          </div>
          <div className={styles.track}>
            {current.ms !== null && (
              <div
                className={broken ? styles.openGapBad : styles.openGap}
                style={{ left: pct(current.from), right: pct(1 - layout.nowX) }}
                data-testid="open-gap"
              >
                <span>since the last success: {formatDuration(current.ms)}</span>
              </div>
            )}
            {current.ms === null && (
              <div className={styles.openGapBad} style={{ left: 0, right: pct(1 - layout.nowX) }} />
            )}
            {layout.gaps.map((gap) => (
              <div
                key={`${gap.from}-${gap.to}`}
                className={gap.broken ? styles.gapBroken : styles.gap}
                style={{ left: pct(gap.from), width: pct(gap.to - gap.from) }}
                title={`${formatDuration(gap.ms)} between two successes`}
              />
            ))}
            {layout.marks.map((mark) => (
              <span
                key={mark.run.id}
                className={`${styles.mark} ${styles[`lane${mark.lane}`]} ${styles[mark.outcome]}`}
                style={{ left: pct(mark.x) }}
                title={`#${mark.run.runNumber} ${outcomeLabel(mark.run.status, mark.run.conclusion)} · ${formatDateTime(mark.run.createdAt, { ...zone, now })} · ${formatUtc(mark.run.createdAt)}`}
                data-outcome={mark.outcome}
              >
                <OutcomeIcon outcome={mark.outcome} size={12} />
              </span>
            ))}
          </div>
          <div className={styles.axis} aria-hidden="true">
            {layout.ticks.map((tick, i) => (
              <span
                key={tick.at}
                style={{ left: pct(tick.x) }}
                className={
                  i === 0
                    ? styles.tickFirst
                    : i === layout.ticks.length - 1
                      ? styles.tickLast
                      : undefined
                }
              >
                {i === layout.ticks.length - 1 ? "now" : tickText(tick.at)}
              </span>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
