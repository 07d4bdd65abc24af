// The pipeline's charts over the window: duration against its slow threshold, runs by
// conclusion, success rate, cache restores and flaky rate. Each is a figure with a name, a
// visible caption and a visually hidden summary; the numbers of every bucket are in a hidden
// table. The chart drawings (recharts) load after the page, in their own chunk.
"use client";
import dynamic from "next/dynamic";
import a11y from "@/components/ui/a11y.module.css";
import { useHydrated } from "@/components/ui/time-ago";
import { formatDurationShort } from "@/lib/format";
import type { PipelineDetail } from "@/lib/metrics/pipeline-detail";
import { bucketCount, countAboveThreshold, summarize } from "./chart-data";
import { ChartFigure, type LegendItem } from "./chart-figure";
import styles from "./charts.module.css";
import { SeriesTable } from "./series-table";

// The drawings come in their own chunk, requested as soon as this module runs in the browser
// (while the page hydrates) rather than when the first chart mounts.
if (typeof window !== "undefined") void import("./charts");
const DurationChart = dynamic(() => import("./charts").then((m) => m.DurationChart), {
  ssr: false,
});
const RunsChart = dynamic(() => import("./charts").then((m) => m.RunsChart), { ssr: false });
const CacheChart = dynamic(() => import("./charts").then((m) => m.CacheChart), { ssr: false });
const RateChart = dynamic(() => import("./charts").then((m) => m.RateChart), { ssr: false });

export function PipelineCharts({ detail }: { detail: PipelineDetail }) {
  const { series, bucket, pipeline } = detail;
  const threshold = pipeline.slowThresholdMs;
  const hydrated = useHydrated();
  // Hours are named in the viewer's zone once it is known (UTC on the server); days are UTC days.
  const timeZone = hydrated ? undefined : "UTC";
  const summaries = summarize(series, bucket, threshold, timeZone);
  const above = countAboveThreshold(series, threshold);
  const limit = formatDurationShort(threshold);
  const per = bucket === "day" ? "per UTC day" : "per hour";
  const has = (pick: (p: (typeof series)[number]) => unknown) =>
    series.some((p) => pick(p) !== null && pick(p) !== 0);
  const noRuns = has((p) => p.runs) ? null : "No completed run in this window.";
  const durationLegend: LegendItem[] = [
    { key: "p50", label: "p50 (median)", swatch: "line" },
    { key: "p95", label: "p95", swatch: "dashed" },
    { key: "threshold", label: `slow threshold ${limit}`, swatch: "threshold" },
    { key: "above", label: "median above it", swatch: "triangle" },
  ];
  return (
    <section className={styles.charts} aria-labelledby="charts-title">
      <h2 id="charts-title" className={a11y.srOnly}>
        Charts {per}
      </h2>
      <ChartFigure
        id="duration"
        title="Duration of successful runs"
        note={
          <span data-testid="above-threshold-count">
            {above.p50 > 0
              ? `${bucketCount(above.p50, bucket)} above ${limit}`
              : `no ${bucket} above ${limit}`}
          </span>
        }
        noteTone={above.p50 > 0 ? "warn" : undefined}
        summary={summaries.duration}
        legend={durationLegend}
        height={220}
        wide
        empty={
          has((p) => p.durationP50Ms) ? null : "No successful run in this window: no duration."
        }
      >
        <DurationChart series={series} bucket={bucket} thresholdMs={threshold} />
      </ChartFigure>
      <ChartFigure
        id="runs"
        title={`Runs ${per}, by conclusion`}
        summary={summaries.runs}
        empty={noRuns}
        legend={[
          { key: "success", label: "succeeded", swatch: "ok" },
          { key: "failure", label: "failed", swatch: "bad-hatched" },
          { key: "cancelled", label: "cancelled", swatch: "muted" },
          { key: "other", label: "other", swatch: "warn" },
        ]}
      >
        <RunsChart series={series} bucket={bucket} />
      </ChartFigure>
      <ChartFigure
        id="success-rate"
        title="Success rate"
        summary={summaries.successRate}
        empty={has((p) => p.successRate) || !noRuns ? null : noRuns}
        legend={[
          { key: "rate", label: "successes / runs (cancelled left out)", swatch: "ok-line" },
        ]}
      >
        <RateChart
          series={series}
          bucket={bucket}
          field="successRate"
          tone="ok"
          name="Success rate"
        />
      </ChartFigure>
      <ChartFigure
        id="cache"
        title="Cache restores"
        summary={summaries.cache}
        empty={
          has((p) => p.cacheHits + p.cachePartial + p.cacheMisses)
            ? null
            : "No cache restore in the logs of this window's runs."
        }
        legend={[
          { key: "hits", label: "hits", swatch: "ok" },
          { key: "partial", label: "partial (restore key)", swatch: "warn" },
          { key: "misses", label: "misses", swatch: "bad-hatched" },
          { key: "rate", label: "hit rate (right axis)", swatch: "accent-line" },
        ]}
      >
        <CacheChart series={series} bucket={bucket} />
      </ChartFigure>
      <ChartFigure
        id="flaky"
        title="Flaky rate"
        summary={summaries.flaky}
        empty={
          series.some((p) => p.flakyRate !== null) ? null : "No commit to judge in this window."
        }
        legend={[{ key: "rate", label: "commits that failed, then passed", swatch: "warn-line" }]}
      >
        <RateChart
          series={series}
          bucket={bucket}
          field="flakyRate"
          tone="warn"
          name="Flaky rate"
        />
      </ChartFigure>
      <SeriesTable series={series} bucket={bucket} timeZone={timeZone} />
    </section>
  );
}
