// What the pipeline page's recharts charts share: the time axis, the tooltip and the hatching
// that sets failures and misses apart without colour.
"use client";
import type { Bucket } from "@/lib/metrics/series";
import { bucketName, bucketTick } from "./chart-data";
import styles from "./charts.module.css";

/** Axis text: small and muted. */
export const TICK = { fontSize: 11, fill: "var(--muted)" } as const;

/**
 * The X axis of every chart: bucket starts, labelled as days (UTC) or local hours, one tick every
 * so many buckets (evenly spaced, at most `most`), fewer where they would overlap.
 */
export function timeAxisProps(bucket: Bucket, starts: string[], most = 7) {
  const every = Math.max(1, Math.ceil(starts.length / most));
  const last = starts.length - 1;
  return {
    dataKey: "start",
    ticks: starts.filter((_, i) => (last - i) % every === 0),
    interval: "preserveEnd",
    tickFormatter: (start: string) => bucketTick(start, bucket),
    minTickGap: 12,
    tick: TICK,
    tickLine: false,
    axisLine: { stroke: "var(--border)" },
  } as const;
}

/** Many buckets (hours): no dot on every point. */
export const isDense = (points: number) => points > 40;

/** Diagonal stripes in `color`, for bars that must read apart from their neighbours in grey. */
export function Hatch({ id, color }: { id: string; color: string }) {
  return (
    <defs>
      <pattern
        id={id}
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="6" height="6" fill={color} />
        <line x1="0" y1="0" x2="0" y2="6" stroke="var(--surface)" strokeWidth="2.2" />
      </pattern>
    </defs>
  );
}

type Row = { name: string; value: string };

type TooltipEntry = { name?: unknown; dataKey?: unknown; value?: unknown };

type TooltipProps = {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: unknown;
  bucket: Bucket;
  /** Each series' value as text, by its dataKey. */
  format: (key: string, value: unknown) => string;
};

/** A tooltip listing the bucket and each series' value as `format` writes it. */
export function ChartTooltip({ active, payload, label, bucket, format }: TooltipProps) {
  if (!active || !payload || payload.length === 0) return null;
  const rows: Row[] = payload.map((entry) => ({
    name: String(entry.name ?? entry.dataKey ?? ""),
    value: format(String(entry.dataKey ?? ""), entry.value),
  }));
  return (
    <div className={styles.tooltip}>
      <strong>{bucketName(String(label), bucket)}</strong>
      <dl>
        {rows.map((row) => (
          <div key={row.name}>
            <dt>{row.name}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
