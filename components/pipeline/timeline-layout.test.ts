import { describe, expect, it } from "vitest";
import { layOutTimeline, type TimelineRun } from "./timeline-layout.ts";

const T = Date.parse("2026-11-26T12:00:00Z");
const MIN = 60_000;
let n = 0;
const run = (minutes: number, conclusion: string | null, took = 5): TimelineRun => ({
  id: String(++n),
  runNumber: n,
  status: conclusion === null ? "in_progress" : "completed",
  conclusion,
  createdAt: new Date(T + minutes * MIN).toISOString(),
  updatedAt: new Date(T + (minutes + took) * MIN).toISOString(),
  htmlUrl: `https://github.com/acme/web/actions/runs/${n}`,
});

describe("layOutTimeline", () => {
  const runs = [
    run(60, "failure"),
    run(0, "success"),
    run(30, "success"),
    run(40, "failure"),
    run(50, "cancelled"),
    run(70, null),
  ];
  const layout = layOutTimeline(runs, T + 100 * MIN);

  it("places the runs by creation time, oldest first, each in its lane", () => {
    expect(layout.marks.map((m) => [m.run.conclusion, m.lane])).toEqual([
      ["success", 0],
      ["success", 0],
      ["failure", 1],
      ["cancelled", 2],
      ["failure", 1],
      [null, 2],
    ]);
    const xs = layout.marks.map((m) => m.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBeGreaterThan(0);
    // The last tick is now, short of the axis' end: a run started now is drawn whole.
    expect(layout.ticks.at(-1)).toEqual({ x: layout.nowX, at: T + 100 * MIN });
    expect(layout.nowX).toBeGreaterThan(0.98);
    expect(layout.nowX).toBeLessThan(1);
  });

  it("measures the gaps between successes by their completion", () => {
    expect(layout.gaps).toHaveLength(1);
    expect(layout.gaps[0]).toMatchObject({ ms: 30 * MIN, broken: false });
  });

  it("measures the open gap from the last success to now, with the failures since", () => {
    expect(layout.current).toMatchObject({ ms: 65 * MIN, failures: 2, runs: 4 });
    expect(layout.current.from).toBe(layout.marks[1]?.x);
  });

  it("has no open gap length without a success", () => {
    const none = layOutTimeline([run(0, "failure")], T + 10 * MIN);
    expect(none.current).toEqual({ from: 0, ms: null, failures: 1, runs: 1 });
    expect(layOutTimeline([], T).marks).toEqual([]);
  });
});
