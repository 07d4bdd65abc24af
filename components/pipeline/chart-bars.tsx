// The stacked bar charts of the pipeline page: runs by conclusion, and cache restores by outcome
// with the hit rate on a second axis. Failures and misses are hatched, not only red.
"use client";
import { Bar, Line, YAxis } from "recharts";
import { formatCount, formatPercent } from "@/lib/format";
import type { Bucket, SeriesPoint } from "@/lib/metrics/series";
import { otherRuns } from "./chart-data";
import { ChartFrame, rateAxisProps, VALUE_AXIS } from "./chart-frame";
import { Hatch, isDense } from "./chart-parts";

type Props = { series: SeriesPoint[]; bucket: Bucket };

const countAxis = { ...VALUE_AXIS, allowDecimals: false } as const;
const countText = (_: string, value: unknown) => formatCount(typeof value === "number" ? value : 0);

export function RunsChart({ series, bucket }: Props) {
  const data = series.map((p) => ({
    start: p.start,
    successes: p.successes,
    failures: p.failures,
    cancelled: p.cancelled,
    other: otherRuns(p),
  }));
  return (
    <ChartFrame kind="bar" bars data={data} bucket={bucket} format={countText}>
      <Hatch id="pw-hatch-runs" color="var(--bad)" />
      <YAxis {...countAxis} />
      <Bar
        name="succeeded"
        dataKey="successes"
        stackId="runs"
        fill="var(--ok)"
        isAnimationActive={false}
      />
      <Bar
        name="failed"
        dataKey="failures"
        stackId="runs"
        fill="url(#pw-hatch-runs)"
        isAnimationActive={false}
      />
      <Bar
        name="cancelled"
        dataKey="cancelled"
        stackId="runs"
        fill="var(--muted)"
        isAnimationActive={false}
      />
      <Bar
        name="other"
        dataKey="other"
        stackId="runs"
        fill="var(--warn)"
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}

export function CacheChart({ series, bucket }: Props) {
  const data = series.map((p) => ({
    start: p.start,
    hits: p.cacheHits,
    partial: p.cachePartial,
    misses: p.cacheMisses,
    rate: p.cacheHitRate,
  }));
  const format = (key: string, value: unknown) =>
    key === "rate"
      ? formatPercent(typeof value === "number" ? value : null)
      : countText(key, value);
  return (
    <ChartFrame kind="composed" bars data={data} bucket={bucket} format={format}>
      <Hatch id="pw-hatch-cache" color="var(--bad)" />
      <YAxis yAxisId="count" {...countAxis} />
      <YAxis yAxisId="rate" orientation="right" {...rateAxisProps([0, 0.5, 1])} width={40} />
      <Bar
        yAxisId="count"
        name="hits"
        dataKey="hits"
        stackId="cache"
        fill="var(--ok)"
        isAnimationActive={false}
      />
      <Bar
        yAxisId="count"
        name="partial"
        dataKey="partial"
        stackId="cache"
        fill="var(--warn)"
        isAnimationActive={false}
      />
      <Bar
        yAxisId="count"
        name="misses"
        dataKey="misses"
        stackId="cache"
        fill="url(#pw-hatch-cache)"
        isAnimationActive={false}
      />
      <Line
        yAxisId="rate"
        name="hit rate"
        dataKey="rate"
        stroke="var(--accent)"
        strokeWidth={2}
        dot={isDense(data.length) ? false : { r: 2 }}
        connectNulls
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}
