import { describe, expect, it } from "vitest";
import type { JobSummary, RunAttemptSummary } from "@/lib/metrics/recent-runs";
import { layOutGantt } from "./gantt-layout.ts";

const T = Date.parse("2026-11-26T12:00:00Z");
const at = (s: number | null) => (s === null ? null : new Date(T + s * 1000).toISOString());
const job = (
  id: string,
  attempt: number,
  created: number,
  started: number | null,
  completed: number | null,
  conclusion: string | null = "success",
): JobSummary => ({
  id,
  name: `job ${id}`,
  runAttempt: attempt,
  status: completed === null ? (started === null ? "queued" : "in_progress") : "completed",
  conclusion,
  createdAt: at(created),
  startedAt: at(started),
  completedAt: at(completed),
  queueMs: null,
  durationMs: null,
  htmlUrl: null,
});
const attempt = (n: number): RunAttemptSummary => ({
  attempt: n,
  status: "completed",
  conclusion: "success",
  createdAt: at(0) ?? "",
  runStartedAt: at(0),
  updatedAt: at(100) ?? "",
});

describe("layOutGantt", () => {
  it("draws each job's queue apart from its run, on its attempt's axis", () => {
    const [first] = layOutGantt(
      [job("a", 1, 0, 20, 100), job("b", 1, 0, 50, 200), job("s", 1, 100, null, 100, "skipped")],
      [attempt(1)],
      T + 1_000_000,
    );
    expect(first?.span).toBe(200_000);
    expect(first?.rows.map((r) => [r.queue, r.run])).toEqual([
      [
        { left: 0, width: 0.1 },
        { left: 0.1, width: 0.4 },
      ],
      [
        { left: 0, width: 0.25 },
        { left: 0.25, width: 0.75 },
      ],
      [null, null],
    ]);
    expect(first?.ticks.map((t) => t.ms)).toEqual([0, 60_000, 120_000, 180_000]);
  });

  it("keeps attempts apart, oldest first, and ends open bars at now", () => {
    const layout = layOutGantt(
      [
        job("c", 2, 1000, 1010, null, null),
        job("d", 2, 1000, null, null, null),
        job("a", 1, 0, 5, 50),
      ],
      [attempt(2), attempt(1)],
      T + 1030 * 1000,
    );
    expect(layout.map((a) => [a.attempt, a.rows.length])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const second = layout[1];
    expect(second?.span).toBe(30_000);
    expect(second?.rows[0]).toMatchObject({ open: true, run: { left: 10 / 30, width: 20 / 30 } });
    expect(second?.rows[1]).toMatchObject({ open: true, queue: { left: 0, width: 1 }, run: null });
  });

  it("lists an attempt without jobs", () => {
    expect(layOutGantt([], [attempt(1)], T)).toMatchObject([{ attempt: 1, rows: [] }]);
  });
});
