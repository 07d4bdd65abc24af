// The duration chart: p50 and p95 of the successful runs per bucket against the pipeline's slow
// threshold, a reference line labelled with it; medians above it drawn as red triangles (a
// shape, not only a colour) marked data-testid="above-threshold".
"use client";
import { type DotItemDotProps, Line, ReferenceLine, YAxis } from "recharts";
import { formatDuration, formatDurationShort } from "@/lib/format";
import type { Bucket, SeriesPoint } from "@/lib/metrics/series";
import { durationTicks } from "./chart-data";
import { ChartFrame, VALUE_AXIS } from "./chart-frame";
import { isDense } from "./chart-parts";

type Props = { series: SeriesPoint[]; bucket: Bucket; thresholdMs: number };

type DotProps = DotItemDotProps & { thresholdMs: number; dense: boolean };

/** A median's dot: a red triangle above the threshold, else a small circle (none when dense). */
function MedianDot({ cx, cy, value, thresholdMs, dense }: DotProps) {
  if (typeof cx !== "number" || typeof cy !== "number" || typeof value !== "number") return <g />;
  if (value > thresholdMs)
    return (
      <path
        d={`M${cx},${cy - 6}L${cx + 5.5},${cy + 4}L${cx - 5.5},${cy + 4}Z`}
        fill="var(--bad)"
        stroke="var(--surface)"
        strokeWidth={1}
        data-testid="above-threshold"
      />
    );
  return dense ? <g /> : <circle cx={cx} cy={cy} r={2.5} fill="var(--accent)" />;
}

type LabelProps = { viewBox?: unknown; text: string };

/** The threshold line's label, at its right end, above it. */
function ThresholdLabel({ viewBox, text }: LabelProps) {
  const box = (viewBox ?? {}) as { x?: number; y?: number; width?: number };
  return (
    <text
      x={(box.x ?? 0) + (box.width ?? 0) - 4}
      y={(box.y ?? 0) - 5}
      textAnchor="end"
      fontSize={11}
      fill="var(--warn)"
      fontWeight={600}
      stroke="var(--surface)"
      strokeWidth={3}
      paintOrder="stroke"
      data-testid="threshold-label"
    >
      {text}
    </text>
  );
}

export function DurationChart({ series, bucket, thresholdMs }: Props) {
  const data = series.map((p) => ({ start: p.start, p50: p.durationP50Ms, p95: p.durationP95Ms }));
  const max = Math.max(thresholdMs * 1.15, ...data.map((d) => d.p95 ?? 0));
  const ticks = durationTicks(max);
  const dense = isDense(data.length);
  const format = (_: string, value: unknown) =>
    typeof value === "number" ? formatDuration(value) : "no successful run";
  return (
    <ChartFrame kind="composed" data={data} bucket={bucket} format={format} timeTicks={12} top={16}>
      <YAxis
        {...VALUE_AXIS}
        ticks={ticks}
        domain={[0, ticks.at(-1) ?? max]}
        tickFormatter={(ms: number) => formatDurationShort(ms)}
      />
      <ReferenceLine
        y={thresholdMs}
        stroke="var(--warn)"
        strokeWidth={1.5}
        strokeDasharray="6 4"
        label={(props: { viewBox?: unknown }) => (
          <ThresholdLabel
            viewBox={props.viewBox}
            text={`threshold ${formatDurationShort(thresholdMs)}`}
          />
        )}
      />
      <Line
        name="p95"
        dataKey="p95"
        stroke="var(--muted)"
        strokeDasharray="4 3"
        dot={false}
        connectNulls
        isAnimationActive={false}
      />
      <Line
        name="p50 (median)"
        dataKey="p50"
        stroke="var(--accent)"
        strokeWidth={2}
        dot={(props: DotItemDotProps) => (
          <MedianDot
            {...props}
            key={`p50-${props.index}`}
            thresholdMs={thresholdMs}
            dense={dense}
          />
        )}
        activeDot={{ r: 4 }}
        connectNulls
        isAnimationActive={false}
      />
    </ChartFrame>
  );
}
