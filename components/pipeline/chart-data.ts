// The pipeline page's charts as numbers and words: axis ticks, bucket labels, the buckets above
// the slow threshold, and the one-sentence summaries that screen readers (and the captions) get.
import { formatCount, formatDuration, formatDurationShort, formatPercent } from "@/lib/format";
import type { Bucket, SeriesPoint } from "@/lib/metrics/series";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const STEPS = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  24 * HOUR,
];

/** Round ticks from 0 covering `max` ms, at most `count` + 1 of them: 0, 5m, 10m, 15m. */
export function durationTicks(max: number, count = 4): number[] {
  const top = Math.max(max, SECOND);
  const step = STEPS.find((s) => top / s <= count) ?? Math.ceil(top / count / HOUR) * HOUR;
  const ticks: number[] = [];
  for (let t = 0; t < top + step; t += step) ticks.push(t);
  return ticks;
}

/** The start of a bucket on an axis: a UTC day `Nov 26`, or an hour in `timeZone` `21:00`. */
export function bucketTick(start: string, bucket: Bucket, timeZone?: string): string {
  return new Intl.DateTimeFormat(
    "en-US",
    bucket === "day"
      ? { month: "short", day: "numeric", timeZone: "UTC" }
      : { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone },
  ).format(new Date(start));
}

/** A bucket in full, for a tooltip or a table: `Thu, Nov 26` (UTC) or `Nov 26, 21:00`. */
export function bucketName(start: string, bucket: Bucket, timeZone?: string): string {
  return new Intl.DateTimeFormat(
    "en-US",
    bucket === "day"
      ? { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" }
      : {
          month: "short",
          day: "numeric",
          hour: "2-digit",
          minute: "2-digit",
          hourCycle: "h23",
          timeZone,
        },
  ).format(new Date(start));
}

/** `1 day`, `5 days`, `3 hours`. */
export function bucketCount(n: number, bucket: Bucket): string {
  return `${formatCount(n)} ${bucket}${n === 1 ? "" : "s"}`;
}

/** Runs that concluded neither success, a failure nor cancelled (neutral, action_required...). */
export function otherRuns(p: SeriesPoint): number {
  return Math.max(0, p.runs - p.successes - p.failures - p.cancelled);
}

export type ThresholdCount = { p50: number; p95: number; measured: number };

/** Buckets whose median (and whose p95) duration is above `thresholdMs`, of those measured. */
export function countAboveThreshold(series: SeriesPoint[], thresholdMs: number): ThresholdCount {
  const measured = series.filter((p) => p.durationP50Ms !== null);
  return {
    p50: measured.filter((p) => (p.durationP50Ms ?? 0) > thresholdMs).length,
    p95: series.filter((p) => (p.durationP95Ms ?? 0) > thresholdMs).length,
    measured: measured.length,
  };
}

/** `5 days above 10m` and the p95's count; `no day above 10m` when none. */
export function thresholdText(count: ThresholdCount, thresholdMs: number, bucket: Bucket): string {
  const limit = formatDurationShort(thresholdMs);
  if (count.measured === 0) return `no successful run to measure against ${limit}`;
  const median =
    count.p50 === 0
      ? `no ${bucket} with a median above ${limit}`
      : `${bucketCount(count.p50, bucket)} with a median above ${limit}`;
  return `${median} (of ${bucketCount(count.measured, bucket)} measured; p95 above on ${count.p95})`;
}

type Extreme = { value: number; start: string };

function extremes(series: SeriesPoint[], pick: (p: SeriesPoint) => number | null) {
  let low: Extreme | null = null;
  let high: Extreme | null = null;
  let latest: Extreme | null = null;
  for (const p of series) {
    const value = pick(p);
    if (value === null) continue;
    if (!low || value < low.value) low = { value, start: p.start };
    if (!high || value > high.value) high = { value, start: p.start };
    latest = { value, start: p.start };
  }
  return { low, high, latest };
}

export type Summaries = {
  duration: string;
  runs: string;
  successRate: string;
  cache: string;
  flaky: string;
};

/** One sentence per chart, with the extremes and where they are. */
export function summarize(
  series: SeriesPoint[],
  bucket: Bucket,
  thresholdMs: number,
  timeZone?: string,
): Summaries {
  const on = (e: Extreme | null) => (e ? bucketName(e.start, bucket, timeZone) : "");
  const d = extremes(series, (p) => p.durationP50Ms);
  const count = countAboveThreshold(series, thresholdMs);
  const duration = d.high
    ? `Median duration from ${formatDuration(d.low?.value)} (${on(d.low)}) to ${formatDuration(d.high.value)} (${on(d.high)}), latest ${formatDuration(d.latest?.value)}; ${thresholdText(count, thresholdMs, bucket)}.`
    : "No successful run in the window, so no duration.";
  const total = (key: "runs" | "successes" | "failures" | "cancelled") =>
    series.reduce((sum, p) => sum + p[key], 0);
  const busiest = extremes(series, (p) => p.runs).high;
  const runs =
    total("runs") > 0
      ? `${formatCount(total("runs"))} runs: ${formatCount(total("successes"))} succeeded, ${formatCount(total("failures"))} failed, ${formatCount(total("cancelled"))} cancelled; most on ${on(busiest)} (${formatCount(busiest?.value)}).`
      : "No completed run in the window.";
  const rate = (pick: (p: SeriesPoint) => number | null, what: string, none: string) => {
    const e = extremes(series, pick);
    return e.latest
      ? `${what} from ${formatPercent(e.low?.value)} (${on(e.low)}) to ${formatPercent(e.high?.value)} (${on(e.high)}), latest ${formatPercent(e.latest.value)}.`
      : none;
  };
  const restores = series.reduce((sum, p) => sum + p.cacheHits + p.cachePartial + p.cacheMisses, 0);
  const hits = series.reduce((sum, p) => sum + p.cacheHits, 0);
  const partial = series.reduce((sum, p) => sum + p.cachePartial, 0);
  return {
    duration,
    runs,
    successRate: rate((p) => p.successRate, "Success rate", "No run to rate in the window."),
    cache:
      restores > 0
        ? `${formatCount(restores)} cache restores: ${formatCount(hits)} hits, ${formatCount(partial)} partial, ${formatCount(restores - hits - partial)} misses. ${rate((p) => p.cacheHitRate, "Hit rate", "")}`
        : "No cache restore found in the logs of the window's runs.",
    flaky: rate(
      (p) => p.flakyRate,
      "Flaky rate",
      "No commit to judge for flakiness in the window.",
    ),
  };
}
