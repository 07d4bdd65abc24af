// The stacked bar charts of the pipeline page: runs by conclusion, and cache restores by outcome
// with the hit rate on a second axis. Failures and misses are hatched, not only red.
"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatCount, formatPercent } from "@/lib/format";
import type { Bucket, SeriesPoint } from "@/lib/metrics/series";
import { otherRuns } from "./chart-data";
import { ChartTooltip, Hatch, isDense, TICK, timeAxisProps } from "./chart-parts";

type Props = { series: SeriesPoint[]; bucket: Bucket };

const MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
const countAxis = {
  allowDecimals: false,
  tick: TICK,
  tickLine: false,
  axisLine: false,
  width: 50,
} as const;
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
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={MARGIN} accessibilityLayer={false} barCategoryGap="15%">
        <Hatch id="pw-hatch-runs" color="var(--bad)" />
        <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="2 4" />
        <XAxis
          {...timeAxisProps(
            bucket,
            series.map((p) => p.start),
          )}
        />
        <YAxis {...countAxis} />
        <Tooltip
          content={({ active, payload, label }) => (
            <ChartTooltip
              active={active}
              payload={payload}
              label={label}
              bucket={bucket}
              format={countText}
            />
          )}
          cursor={{ fill: "var(--bg)" }}
        />
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
      </BarChart>
    </ResponsiveContainer>
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
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={MARGIN} accessibilityLayer={false} barCategoryGap="15%">
        <Hatch id="pw-hatch-cache" color="var(--bad)" />
        <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="2 4" />
        <XAxis
          {...timeAxisProps(
            bucket,
            series.map((p) => p.start),
          )}
        />
        <YAxis yAxisId="count" {...countAxis} />
        <YAxis
          yAxisId="rate"
          orientation="right"
          domain={[0, 1]}
          ticks={[0, 0.5, 1]}
          tickFormatter={(rate: number) => `${Math.round(rate * 100)}%`}
          tick={TICK}
          tickLine={false}
          axisLine={false}
          width={40}
        />
        <Tooltip
          content={({ active, payload, label }) => (
            <ChartTooltip
              active={active}
              payload={payload}
              label={label}
              bucket={bucket}
              format={format}
            />
          )}
          cursor={{ fill: "var(--bg)" }}
        />
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
      </ComposedChart>
    </ResponsiveContainer>
  );
}
