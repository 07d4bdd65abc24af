// A pipeline's series (docs/metrics.md per bucket) on hand-made runs around UTC midnights and
// the window's edges: UTC days and hours, empty buckets included, adding up to the window.
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { queryRunStats } from "./run-stats.ts";
import { parseBranch, parseWindow } from "./scope.ts";
import { getSeries } from "./series.ts";
import { seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
let repo = 0;
let wf = 0;
const scope = (window: string) => ({ window: parseWindow(window, T0), branch: parseBranch("") });
const DAY = 24 * 60;

beforeAll(async () => {
  const { db } = database;
  repo = await seedRepo(db);
  wf = await seedWorkflow(db, repo);
  // T0 is 2026-11-26T12:00Z; a 3d window starts 2026-11-23T12:00Z.
  for (const [created, conclusion, minutes, branch] of [
    [-3 * DAY - 60, "success", 1, "main"], // before the window
    [-3 * DAY, "success", 2, "main"], // the window's first instant
    [-DAY / 2 - 1, "success", 6, "main"], // 2026-11-25T23:59Z
    [-DAY / 2 - 30, "failure", 1, "main"], // 2026-11-25T23:30Z (the 26th east of UTC)
    [-DAY / 2, "success", 4, "main"], // 2026-11-26T00:00Z
    [-60, "cancelled", 1, "main"],
    [-30, "success", 8, "feat"], // not on the default branch
  ] as const)
    await seedRun(db, repo, wf, { created, conclusion, minutes, branch });
});

describe("series", () => {
  it("buckets by UTC day from the day holding the window's start, empty days included", async () => {
    const series = await getSeries(database.db, scope("3d"), wf, "day");
    expect(series.map((p) => p.start)).toEqual([
      "2026-11-23T00:00:00.000Z",
      "2026-11-24T00:00:00.000Z",
      "2026-11-25T00:00:00.000Z",
      "2026-11-26T00:00:00.000Z",
    ]);
    expect(series.map((p) => [p.runs, p.successes, p.failures, p.cancelled])).toEqual([
      [1, 1, 0, 0],
      [0, 0, 0, 0],
      [2, 1, 1, 0],
      [2, 1, 0, 1],
    ]);
    expect(series[2]).toMatchObject({ successRate: 0.5, durationP50Ms: 360_000 });
    expect(series[3]).toMatchObject({
      successRate: 1,
      durationP50Ms: 240_000,
      durationP95Ms: 240_000,
    });
    expect(series[1]).toMatchObject({ successRate: null, durationP50Ms: null, flakyRate: null });
  });

  it("adds up to the whole window's numbers", async () => {
    const series = await getSeries(database.db, scope("3d"), wf, "day");
    const [stats] = await queryRunStats(database.db, scope("3d"), [repo]);
    const sum = (key: "runs" | "successes" | "failures" | "cancelled") =>
      series.reduce((total, p) => total + p[key], 0);
    expect(stats).toMatchObject({
      runs: sum("runs"),
      successes: sum("successes"),
      failures: sum("failures"),
      cancelled: sum("cancelled"),
    });
  });

  it("buckets by UTC hour", async () => {
    const series = await getSeries(database.db, scope("13h"), wf, "hour");
    expect(series).toHaveLength(14);
    expect(series[0]?.start).toBe("2026-11-25T23:00:00.000Z");
    expect(series.at(-1)?.start).toBe("2026-11-26T12:00:00.000Z");
    expect(series[0]).toMatchObject({ runs: 2, successes: 1, failures: 1 });
    expect(series[1]).toMatchObject({ start: "2026-11-26T00:00:00.000Z", runs: 1 });
    expect(series[12]).toMatchObject({ start: "2026-11-26T11:00:00.000Z", runs: 1, cancelled: 1 });
  });
});
