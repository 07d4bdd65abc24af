// A rate (0–100%) per bucket: the success rate or the flaky rate.
"use client";
import { Line, YAxis } from "recharts";
import { formatPercent } from "@/lib/format";
import type { Bucket, SeriesPoint } from "@/lib/metrics/series";
import { ChartFrame, rateAxisProps } from "./chart-frame";
import { isDense } from "./chart-parts";

type Props = {
  series: SeriesPoint[];
  bucket: Bucket;
  field: "successRate" | "flakyRate";
  tone: "ok" | "warn";
  name: string;
};

const format = (_: string, value: unknown) =>
  typeof value === "number" ? formatPercent(value) : "no run";

export function RateChart({ series, bucket, field, tone, name }: Props) {
  const data = series.map((p) => ({ start: p.start, rate: p[field] }));
  return (
    <ChartFrame kind="line" data={data} bucket={bucket} format={format}>
      <YAxis {...rateAxisProps([0, 0.25, 0.5, 0.75, 1])} />
      <Line
        name={name}
        dataKey="rate"
        stroke={`var(--${tone})`}
        strokeWidth={2}
        dot={isDense(data.length) ? false : { r: 2.5, fill: `var(--${tone})` }}
        connectNulls
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}
