import { describe, expect, it } from "vitest";
import { flag, pipeline } from "./overview-testing.ts";
import { median, summarize } from "./summarize.ts";

describe("median", () => {
  it("is the middle value, or the mean of the middle two", () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("summarize", () => {
  it("adds up runs, recomputes the success rate and takes the median of the p50s", () => {
    const stale = { ...flag("stale_data", "critical"), message: "acme/api is stale" };
    const summary = summarize([
      pipeline({ runs: 10, successes: 8, cancelled: 2, flags: [stale, flag("slow", "warning")] }),
      pipeline({ runs: 5, successes: 1, cancelled: 0, flags: [stale] }),
      pipeline({
        runs: 0,
        successes: 0,
        cancelled: 0,
        durationMs: { p50: null, p95: null, max: null },
      }),
      pipeline({ durationMs: { p50: 60_000, p95: 60_000, max: 60_000 } }),
    ]);
    expect(summary).toMatchObject({
      pipelines: 4,
      critical: 1, // the repository's flag, shown on two pipelines, counts once
      warning: 1,
      runs: 25,
      successes: 18,
      decided: 23,
      medianP50Ms: 240_000,
      withDuration: 3,
    });
    expect(summary.successRate).toBeCloseTo(18 / 23);
  });

  it("has no rate or median without runs", () => {
    expect(summarize([])).toMatchObject({ successRate: null, medianP50Ms: null, runs: 0 });
  });
});
