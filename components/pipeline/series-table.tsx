// Every bucket's numbers as a table, visually hidden: what the charts draw, for screen readers.

import a11y from "@/components/ui/a11y.module.css";
import { formatDuration, formatPercent } from "@/lib/format";
import type { Bucket, SeriesPoint } from "@/lib/metrics/series";
import { bucketName } from "./chart-data";

type Props = { series: SeriesPoint[]; bucket: Bucket; timeZone?: string };

export function SeriesTable({ series, bucket, timeZone }: Props) {
  return (
    // Hidden by a wrapper: a table grows to its content whatever its own width.
    <div className={a11y.srOnly}>
      <table>
        <caption>The charts' numbers, one row per {bucket === "day" ? "UTC day" : "hour"}</caption>
        <thead>
          <tr>
            <th scope="col">{bucket === "day" ? "Day" : "Hour"}</th>
            <th scope="col">Runs</th>
            <th scope="col">Succeeded</th>
            <th scope="col">Failed</th>
            <th scope="col">Cancelled</th>
            <th scope="col">Success rate</th>
            <th scope="col">Duration p50</th>
            <th scope="col">Duration p95</th>
            <th scope="col">Cache hits, partial, misses</th>
            <th scope="col">Flaky rate</th>
          </tr>
        </thead>
        <tbody>
          {series.map((p) => (
            <tr key={p.start}>
              <th scope="row">{bucketName(p.start, bucket, timeZone)}</th>
              <td>{p.runs}</td>
              <td>{p.successes}</td>
              <td>{p.failures}</td>
              <td>{p.cancelled}</td>
              <td>{formatPercent(p.successRate)}</td>
              <td>{formatDuration(p.durationP50Ms)}</td>
              <td>{formatDuration(p.durationP95Ms)}</td>
              <td>
                {p.cacheHits}, {p.cachePartial}, {p.cacheMisses}
              </td>
              <td>{formatPercent(p.flakyRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
