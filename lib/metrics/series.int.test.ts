// A pipeline's series (docs/metrics.md per bucket) on hand-made runs around UTC midnights and
// the window's edges: UTC days and hours, empty buckets included, adding up to the window.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { queryRunStats } from "./run-stats.ts";
import { parseBranch, parseWindow } from "./scope.ts";
import { getSeries } from "./series.ts";
import { at, seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
let repo = 0;
let wf = 0;
/** Run ids by their creation minute. */
const runs = new Map<number, number>();
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
    runs.set(created, await seedRun(db, repo, wf, { created, conclusion, minutes, branch }));
  // Cache restores on 2026-11-25 (two runs) and on the 26th; none on the 24th.
  await seedRestores(db, -DAY / 2 - 1, ["exact", "partial", "miss", "exact"]);
  await seedRestores(db, -DAY / 2 - 30, ["miss"]);
  await seedRestores(db, -60, ["partial", "exact"]);
});

/** A job of the run created at `created` minutes, restoring caches with these outcomes. */
async function seedRestores(db: Db, created: number, outcomes: ("exact" | "partial" | "miss")[]) {
  const runId = BigInt(runs.get(created) ?? 0);
  const job = await db.job.create({
    data: {
      id: runId * 100n,
      runId,
      workflowId: BigInt(wf),
      runCreatedAt: at(created),
      runAttempt: 1,
      name: "build",
      status: "completed",
      conclusion: "success",
      headSha: `sha${runId}`,
    },
  });
  await db.cacheEvent.createMany({
    data: outcomes.map((outcome, seq) => ({
      jobId: job.id,
      runId,
      workflowId: BigInt(wf),
      runCreatedAt: at(created),
      seq,
      kind: "restore" as const,
      outcome,
      source: "actions/cache",
    })),
  });
}

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

  it("counts each bucket's cache restores by outcome, and its hit rate over them", async () => {
    const series = await getSeries(database.db, scope("3d"), wf, "day");
    expect(series.map((p) => [p.cacheHits, p.cachePartial, p.cacheMisses, p.cacheHitRate])).toEqual(
      [
        [0, 0, 0, null],
        [0, 0, 0, null],
        [2, 1, 2, 0.4],
        [1, 1, 0, 0.5],
      ],
    );
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
    expect(series[0]).toMatchObject({ cacheHits: 2, cachePartial: 1, cacheMisses: 2 });
    expect(series[1]).toMatchObject({ start: "2026-11-26T00:00:00.000Z", runs: 1 });
    expect(series[12]).toMatchObject({ start: "2026-11-26T11:00:00.000Z", runs: 1, cancelled: 1 });
  });
});
