// The frame every chart of the pipeline page draws in: the responsive box, the horizontal grid,
// the time axis and the tooltip, so the charts differ only in their series and value axes.
"use client";
import type { ReactNode } from "react";
import {
  BarChart,
  CartesianGrid,
  ComposedChart,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
} from "recharts";
import type { Bucket } from "@/lib/metrics/series";
import { ChartTooltip, TICK, timeAxisProps } from "./chart-parts";

const CHARTS = { line: LineChart, bar: BarChart, composed: ComposedChart } as const;

/** A value axis' shared look: small muted text, no tick marks nor axis line. */
export const VALUE_AXIS = { tick: TICK, tickLine: false, axisLine: false, width: 50 } as const;

/** The Y axis of a rate (0–100%), ticks at `ticks`. */
export function rateAxisProps(ticks: number[]) {
  return {
    ...VALUE_AXIS,
    domain: [0, 1],
    ticks,
    tickFormatter: (rate: number) => `${Math.round(rate * 100)}%`,
  };
}

type Props = {
  kind: keyof typeof CHARTS;
  /** One row per bucket, its `start` on the time axis. */
  data: ({ start: string } & Record<string, unknown>)[];
  bucket: Bucket;
  /** Each series' value as the tooltip writes it, by its dataKey. */
  format: (key: string, value: unknown) => string;
  /** At most this many time ticks. */
  timeTicks?: number;
  /** Room above the plot (for a label drawn there). */
  top?: number;
  /** It draws bars: the pointer highlights the whole bucket, bars keep a gap between buckets. */
  bars?: boolean;
  /** The value axes and the series. */
  children: ReactNode;
};

export function ChartFrame(props: Props) {
  const { kind, data, bucket, format, timeTicks, top = 8, bars = false, children } = props;
  const Chart = CHARTS[kind];
  return (
    <ResponsiveContainer width="100%" height="100%">
      <Chart
        data={data}
        margin={{ top, right: 12, bottom: 0, left: 0 }}
        accessibilityLayer={false}
        {...(bars ? { barCategoryGap: "15%" } : {})}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" strokeDasharray="2 4" />
        <XAxis
          {...timeAxisProps(
            bucket,
            data.map((row) => row.start),
            timeTicks,
          )}
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
          {...(bars ? { cursor: { fill: "var(--bg)" } } : {})}
        />
        {children}
      </Chart>
    </ResponsiveContainer>
  );
}
