import { describe, expect, it } from "vitest";
import {
  createdQualifier,
  DAY,
  dayWindows,
  isSweepDue,
  planWindows,
  SECOND,
  splitWindow,
} from "./run-windows.ts";

const T = Date.UTC(2026, 10, 20);

describe("run windows", () => {
  it("cover whole UTC days, whatever the time of the bounds", () => {
    const days = dayWindows(T + 5 * 3600_000, T + 2 * DAY + 1);
    expect(days.map(createdQualifier)).toEqual([
      "2026-11-20T00:00:00Z..2026-11-20T23:59:59Z",
      "2026-11-21T00:00:00Z..2026-11-21T23:59:59Z",
      "2026-11-22T00:00:00Z..2026-11-22T23:59:59Z",
    ]);
  });

  it("halve on whole seconds, down to one second", () => {
    const [a, b] = splitWindow({ from: T, to: T + DAY - SECOND }) ?? [];
    expect(a).toEqual({ from: T, to: T + DAY / 2 - SECOND });
    expect(b).toEqual({ from: T + DAY / 2, to: T + DAY - SECOND });
    expect(splitWindow({ from: T, to: T + SECOND })).toEqual([
      { from: T, to: T },
      { from: T + SECOND, to: T + SECOND },
    ]);
    expect(splitWindow({ from: T, to: T })).toBeNull();
  });

  it("are planned newest first, split only where the stored runs exceed the target", () => {
    const days = dayWindows(T, T + DAY);
    // 150 runs in the first day's morning, 10 in the second day.
    const times = [
      ...Array.from({ length: 150 }, (_, i) => T + i * 60 * SECOND),
      ...Array.from({ length: 10 }, (_, i) => T + DAY + i * SECOND),
    ];
    const plan = planWindows(days, times, 100);
    expect(plan[0]).toEqual(days[1]);
    // The busy day is halved until each part holds at most 100: every run is in exactly one.
    for (const w of plan.slice(1)) {
      expect(times.filter((t) => t >= w.from && t <= w.to + 999).length).toBeLessThanOrEqual(100);
    }
    const covered = times.filter(
      (t) => plan.filter((w) => t >= w.from && t <= w.to + 999).length === 1,
    );
    expect(covered).toHaveLength(times.length);
    // The same stored runs always give the same windows (the ETags depend on it).
    expect(planWindows(days, times, 100)).toEqual(plan);
  });

  it("sweep when due, and at once when the last sweep lies ahead of a clock that moved back", () => {
    const every = 6 * 3600_000;
    expect(isSweepDue(T, null, every)).toBe(true);
    expect(isSweepDue(T, T - every, every)).toBe(true);
    expect(isSweepDue(T, T - every + 1, every)).toBe(false);
    expect(isSweepDue(T, T, every)).toBe(false);
    // The clock went back 5 hours after a sweep: waiting would put sweeps off 11 hours.
    expect(isSweepDue(T - 5 * 3600_000, T, every)).toBe(true);
  });
});
