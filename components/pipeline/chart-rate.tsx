// A rate (0–100%) per bucket: the success rate or the flaky rate.
"use client";
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatPercent } from "@/lib/format";
import type { Bucket, SeriesPoint } from "@/lib/metrics/series";
import { ChartTooltip, isDense, TICK, timeAxisProps } from "./chart-parts";

type Props = {
  series: SeriesPoint[];
  bucket: Bucket;
  field: "successRate" | "flakyRate";
  tone: "ok" | "warn";
  name: string;
};

export function RateChart({ series, bucket, field, tone, name }: Props) {
  const data = series.map((p) => ({ start: p.start, rate: p[field] }));
  const format = (_: string, value: unknown) =>
    typeof value === "number" ? formatPercent(value) : "no run";
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart
        data={data}
        margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="2 4" />
        <XAxis
          {...timeAxisProps(
            bucket,
            series.map((p) => p.start),
          )}
        />
        <YAxis
          domain={[0, 1]}
          ticks={[0, 0.25, 0.5, 0.75, 1]}
          tickFormatter={(rate: number) => `${Math.round(rate * 100)}%`}
          tick={TICK}
          tickLine={false}
          axisLine={false}
          width={50}
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
        />
        <Line
          name={name}
          dataKey="rate"
          stroke={`var(--${tone})`}
          strokeWidth={2}
          dot={isDense(data.length) ? false : { r: 2.5, fill: `var(--${tone})` }}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
