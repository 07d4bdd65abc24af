import { describe, expect, it } from "vitest";
import type { Pipeline } from "@/lib/metrics/pipelines";
import { buildDigest, type DigestInput } from "./compare.ts";

/** A pipeline with `runs` runs of median and p95 `p50` minutes, a cache hit rate and flaky rate. */
function pipeline(id: number, p50: number | null, hitRate: number | null, flaky = 0): Pipeline {
  const ms = p50 === null ? null : p50 * 60_000;
  return {
    ...({} as Pipeline),
    id: String(id),
    workflowId: id,
    repo: "acme/api",
    name: `P${id}`,
    isDeploy: id === 9,
    runs: p50 === null ? 0 : 10,
    successRate: 1,
    durationMs: { p50: ms, p95: ms, max: ms },
    cache: { hits: 0, partial: 0, misses: 0, hitRate },
    flaky: { flakyRuns: flaky ? 1 : 0, rate: flaky, flakyTests: 0 },
  };
}

function input(current: Pipeline[], previous: Pipeline[]): DigestInput {
  const empty = new Map();
  return {
    week: {
      week: "2026-W47",
      previousWeek: "2026-W46",
      timeZone: "UTC",
      window: { from: "", to: "" },
      complete: true,
    },
    current,
    previous,
    ciTime: { current: new Map([[1, 60_000]]), previous: new Map([[1, 30_000]]) },
    deploys: { current: new Map([[9, { deploys: 3, longestGapMs: 5 }]]), previous: empty },
    flakyTests: { total: 0, tests: [] },
    flags: [],
  };
}

describe("buildDigest", () => {
  it("picks what changed by 10% or 5 points, the largest change first", () => {
    const d = buildDigest(
      input(
        [
          pipeline(1, 12, 0.9),
          pipeline(2, 20, 0.5, 0.2),
          pipeline(3, 8, 0.8, 0.1),
          pipeline(4, 10.5, 0.82),
          pipeline(9, 1, null),
        ],
        [
          pipeline(1, 10, 0.9),
          pipeline(2, 10, 0.7),
          pipeline(3, 10, 0.72),
          pipeline(4, 10, 0.8),
          pipeline(9, 1, null),
        ],
      ),
    );
    expect(d.slower.map((p) => p.id)).toEqual(["2", "1"]);
    expect(d.faster.map((p) => p.id)).toEqual(["3"]);
    expect(d.flakiest.map((p) => p.id)).toEqual(["2", "3"]);
    expect(d.cache.map((p) => p.id)).toEqual(["2", "3"]);
    expect(d.deploys).toEqual([
      {
        id: "9",
        repo: "acme/api",
        name: "P9",
        deploys: { current: 3, previous: 0 },
        longestGapMs: 5,
      },
    ]);
    expect(d.totals.ciTimeMs).toEqual({ current: 60_000, previous: 30_000 });
    expect(d.totals.runs).toEqual({ current: 50, previous: 50 });
  });

  it("keeps a pipeline that ran only the week before, and leaves out one that never ran", () => {
    const d = buildDigest(
      input([pipeline(1, null, null), pipeline(2, null, null)], [pipeline(1, 10, null)]),
    );
    expect(d.pipelines.map((p) => [p.id, p.runs])).toEqual([["1", { current: 0, previous: 10 }]]);
    expect(d.totals.pipelines).toBe(0);
  });
});
