// A pipeline's median duration per bucket as a small line, its slow threshold dashed when the
// line comes near it, and the buckets with failed runs marked below. Plain SVG (no chart
// library for a dozen tiny charts); its accessible name says what it shows in words.
import { formatDuration } from "@/lib/format";
import type { SparklinePoint } from "@/lib/metrics/sparklines";
import styles from "./sparkline.module.css";

const WIDTH = 112;
const HEIGHT = 28;
/** Room under the line for the failure marks. */
const BASE = HEIGHT - 5;
const TOP = 2;

type Props = {
  points: SparklinePoint[];
  /** `hour` or `day`, for the accessible name. */
  bucket: string;
  thresholdMs: number;
};

/** The sentence a screen reader hears instead of the picture. */
export function describeSparkline(points: SparklinePoint[], bucket: string, thresholdMs: number) {
  const values = points.flatMap((p) => (p.durationP50Ms === null ? [] : [p.durationP50Ms]));
  const span = `${points.length} ${bucket}${points.length === 1 ? "" : "s"}`;
  if (values.length === 0) return `Median duration per ${bucket}, last ${span}: no successful run.`;
  const latest = values.at(-1) ?? 0;
  const failed = points.filter((p) => p.failures > 0);
  const failures = failed.reduce((sum, p) => sum + p.failures, 0);
  const above = values.filter((v) => v > thresholdMs).length;
  return [
    `Median duration per ${bucket}, last ${span}: from ${formatDuration(Math.min(...values))} to ${formatDuration(Math.max(...values))}, latest ${formatDuration(latest)}`,
    above > 0 ? `; ${above} ${bucket}s above the ${formatDuration(thresholdMs)} threshold` : "",
    failures > 0
      ? `; ${failures} failed run${failures === 1 ? "" : "s"} in ${failed.length} ${bucket}${failed.length === 1 ? "" : "s"}.`
      : "; no failed run.",
  ].join("");
}

export function Sparkline({ points, bucket, thresholdMs }: Props) {
  const values = points.map((p) => p.durationP50Ms);
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(0, ...known);
  const min = Math.min(max, ...known);
  // Scaled to the line's own range (a sparkline shows the trend), from a little under its
  // lowest value; the threshold is drawn when the line comes within 2/3 of it.
  const showThreshold = max > 0 && max >= thresholdMs * 0.66;
  const hi = (showThreshold ? Math.max(max, thresholdMs) : max) * 1.04;
  const lo = Math.max(0, (showThreshold ? Math.min(min, thresholdMs) : min) * 0.85);
  const step = points.length > 1 ? WIDTH / (points.length - 1) : 0;
  const x = (i: number) => (points.length > 1 ? i * step : WIDTH / 2);
  const y = (v: number) => BASE - (hi > lo ? ((v - lo) / (hi - lo)) * (BASE - TOP) : 0);
  // One path, broken where a bucket had no successful run.
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
    pen = true;
  });
  const dots = values.flatMap((v, i) => {
    const isolated = v !== null && values[i - 1] == null && values[i + 1] == null;
    return isolated
      ? [
          <circle
            key={points[i]?.start ?? i}
            cx={x(i)}
            cy={y(v)}
            r={1.5}
            className={styles.sparkLine}
          />,
        ]
      : [];
  });
  return (
    <svg
      className={styles.sparkline}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`-2 0 ${WIDTH + 4} ${HEIGHT}`}
      role="img"
      aria-label={describeSparkline(points, bucket, thresholdMs)}
    >
      {showThreshold && (
        <line
          x1={0}
          x2={WIDTH}
          y1={y(thresholdMs)}
          y2={y(thresholdMs)}
          className={styles.sparkThreshold}
        />
      )}
      <path d={d} className={styles.sparkLine} fill="none" />
      {dots}
      {points.map((p, i) =>
        p.failures > 0 ? (
          <rect
            key={p.start}
            x={x(i) - 1}
            y={HEIGHT - 3}
            width={2}
            height={3}
            className={styles.sparkFailure}
          />
        ) : null,
      )}
    </svg>
  );
}
