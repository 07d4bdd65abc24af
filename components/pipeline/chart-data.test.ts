import { describe, expect, it } from "vitest";
import type { SeriesPoint } from "@/lib/metrics/series";
import {
  bucketName,
  bucketTick,
  countAboveThreshold,
  durationTicks,
  otherRuns,
  summarize,
  thresholdText,
} from "./chart-data.ts";

const point = (start: string, values: Partial<SeriesPoint> = {}): SeriesPoint => ({
  start,
  runs: 0,
  successes: 0,
  failures: 0,
  cancelled: 0,
  successRate: null,
  durationP50Ms: null,
  durationP95Ms: null,
  cacheHits: 0,
  cachePartial: 0,
  cacheMisses: 0,
  cacheHitRate: null,
  flakyRate: null,
  ...values,
});

const MIN = 60_000;
const series = [
  point("2026-11-24T00:00:00.000Z", {
    runs: 4,
    successes: 3,
    failures: 1,
    successRate: 0.75,
    durationP50Ms: 8 * MIN,
    durationP95Ms: 11 * MIN,
    cacheHits: 3,
    cacheMisses: 1,
    cacheHitRate: 0.75,
  }),
  point("2026-11-25T00:00:00.000Z"),
  point("2026-11-26T00:00:00.000Z", {
    runs: 6,
    successes: 5,
    cancelled: 1,
    successRate: 1,
    durationP50Ms: 12 * MIN,
    durationP95Ms: 14 * MIN,
    flakyRate: 0.2,
  }),
];

describe("durationTicks", () => {
  it("picks a round step covering the maximum", () => {
    expect(durationTicks(14 * MIN)).toEqual([0, 5 * MIN, 10 * MIN, 15 * MIN]);
    expect(durationTicks(40_000)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(durationTicks(0)).toEqual([0, 1000]);
  });
});

describe("the threshold", () => {
  it("counts the buckets above it, median and p95, of those measured", () => {
    const count = countAboveThreshold(series, 10 * MIN);
    expect(count).toEqual({ p50: 1, p95: 2, measured: 2 });
    expect(thresholdText(count, 10 * MIN, "day")).toBe(
      "1 day with a median above 10m (of 2 days measured; p95 above on 2)",
    );
    expect(thresholdText(countAboveThreshold(series, 20 * MIN), 20 * MIN, "day")).toMatch(
      /^no day with a median above 20m/,
    );
  });
});

describe("bucket labels", () => {
  it("names UTC days, and hours in the viewer's zone", () => {
    expect(bucketTick("2026-11-26T00:00:00.000Z", "day", "America/New_York")).toBe("Nov 26");
    expect(bucketTick("2026-11-26T21:00:00.000Z", "hour", "UTC")).toBe("21:00");
    expect(bucketName("2026-11-26T00:00:00.000Z", "day")).toBe("Thu, Nov 26");
  });
});

describe("summarize", () => {
  it("says each chart's extremes and totals in one sentence", () => {
    const s = summarize(series, "day", 10 * MIN, "UTC");
    expect(s.duration).toBe(
      "Median duration from 8m 00s (Tue, Nov 24) to 12m 00s (Thu, Nov 26), latest 12m 00s; 1 day with a median above 10m (of 2 days measured; p95 above on 2).",
    );
    expect(s.runs).toBe("10 runs: 8 succeeded, 1 failed, 1 cancelled; most on Thu, Nov 26 (6).");
    expect(s.cache).toMatch(/^4 cache restores: 3 hits, 0 partial, 1 misses\. Hit rate/);
    expect(s.flaky).toMatch(/latest 20\.0%\.$/);
  });

  it("says when there is nothing to show", () => {
    const s = summarize([point("2026-11-26T00:00:00.000Z")], "day", 10 * MIN);
    expect(s.duration).toMatch(/^No successful run/);
    expect(s.runs).toBe("No completed run in the window.");
  });

  it("counts the runs of no group as other", () => {
    expect(otherRuns(point("x", { runs: 5, successes: 2, failures: 1, cancelled: 1 }))).toBe(1);
  });
});
