// The run counts, success rate, durations and queue times of docs/metrics.md on hand-made runs.
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { queryRunStats } from "./run-stats.ts";
import { KEPT_QUEUES, refreshRunSummaries } from "./run-summaries.ts";
import { parseBranch, parseWindow } from "./scope.ts";
import { at, seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
let repo: number;

beforeAll(async () => {
  repo = await seedRepo(database.db);
});

const scope = (window = "30d", branch?: string) => ({
  window: parseWindow(window, T0),
  branch: parseBranch(branch),
});
const statsOf = async (workflowId: number, window?: string, branch?: string) =>
  (await queryRunStats(database.db, scope(window, branch), [repo])).find(
    (s) => s.workflowId === workflowId,
  );

describe("run stats", () => {
  it("count completed runs by their latest attempt; the success rate leaves cancelled ones out", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo);
    for (const [created, conclusion, minutes] of [
      [-60, "success", 4],
      [-120, "success", 6],
      [-180, "success", 10],
      [-240, "failure", 3],
      [-300, "timed_out", 60],
      [-360, "startup_failure", 0],
      [-420, "cancelled", 1],
      [-480, "skipped", 0],
      [-540, "neutral", 2],
    ] as const)
      await seedRun(db, repo, wf, { created, conclusion, minutes });
    await seedRun(db, repo, wf, { created: -30, conclusion: null }); // in progress: not counted
    await seedRun(db, repo, wf, {
      created: -45,
      conclusion: "success",
      minutes: 100,
      branch: "feature",
    });
    await seedRun(db, repo, wf, { created: -50 * 24 * 60, conclusion: "failure" }); // outside the window
    // A run failed on its first attempt and succeeded on the second: counted as a success.
    await seedRun(db, repo, wf, {
      created: -600,
      conclusion: "success",
      earlier: ["failure"],
      minutes: 8,
    });
    const stats = await statsOf(wf);
    expect(stats).toMatchObject({ runs: 10, successes: 4, failures: 3, cancelled: 2 });
    expect(stats?.successRate).toBeCloseTo(4 / 8);
    // Durations of the 4 successful runs: 4, 6, 8, 10 minutes (linear interpolation).
    expect(stats?.durationMs).toEqual({ p50: 7 * 60_000, p95: 9.7 * 60_000, max: 10 * 60_000 });
  });

  it("have a null success rate and durations when every run was cancelled, and no row without runs", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Nightly");
    await seedRun(db, repo, wf, { created: -60, conclusion: "cancelled" });
    const stats = await statsOf(wf);
    expect(stats).toMatchObject({ runs: 1, successes: 0, cancelled: 1, successRate: null });
    expect(stats?.durationMs).toEqual({ p50: null, p95: null, max: null });
    const empty = await seedWorkflow(db, repo, "Never");
    expect(await statsOf(empty)).toBeUndefined();
  });

  it("follow the branch and window asked for", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Branches");
    await seedRun(db, repo, wf, { created: -60, conclusion: "success", branch: "main" });
    await seedRun(db, repo, wf, { created: -60, conclusion: "failure", branch: "dev" });
    await seedRun(db, repo, wf, { created: -3 * 60, conclusion: "failure", branch: "dev" });
    expect((await statsOf(wf))?.runs).toBe(1);
    expect((await statsOf(wf, "30d", "*"))?.runs).toBe(3);
    expect((await statsOf(wf, "30d", "dev"))?.failures).toBe(2);
    expect((await statsOf(wf, "2h", "dev"))?.failures).toBe(1);
  });

  it("measure queue time over the jobs of every attempt, leaving out skipped jobs and jobs that never started", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Queue");
    await seedRun(db, repo, wf, {
      created: -60,
      conclusion: "success",
      earlier: ["failure"],
      summaries: false,
      jobs: [
        { queue: 1, conclusion: "failure", attempt: 1 },
        { queue: 2, conclusion: "success" },
        { queue: 3, conclusion: "success" },
        { queue: 0, conclusion: "skipped" },
        { queue: null, conclusion: "cancelled" },
      ],
    });
    // Jobs of a run still in progress do not count.
    await seedRun(db, repo, wf, {
      created: -10,
      conclusion: null,
      summaries: false,
      jobs: [{ queue: 50, conclusion: "success" }],
    });
    expect((await statsOf(wf))?.queueMs).toEqual({ p50: 2 * 60_000, p95: 2.9 * 60_000 });
    // The same from the queue times the sync keeps on each run as from the jobs.
    const runs = await db.workflowRun.findMany({ where: { workflowId: BigInt(wf) } });
    await refreshRunSummaries(
      db,
      runs.map((r) => Number(r.id)),
    );
    const kept = await db.$queryRaw<{ ms: bigint[] }[]>`
      SELECT queue_ms AS ms FROM workflow_runs WHERE workflow_id = ${BigInt(wf)} ORDER BY created_at`;
    expect(kept.map((r) => r.ms.map(Number))).toEqual([[60_000, 120_000, 180_000], [3_000_000]]);
    expect((await statsOf(wf))?.queueMs).toEqual({ p50: 2 * 60_000, p95: 2.9 * 60_000 });

    // A run with more jobs than a run keeps queue times of (an index entry has a size limit):
    // nothing kept, the same numbers from its jobs.
    const big = await seedWorkflow(db, repo, "Matrix");
    const matrix = Array.from({ length: KEPT_QUEUES + 1 }, (_, i) => ({
      queue: i % 7,
      conclusion: "success",
    }));
    const bigRun = await seedRun(db, repo, big, {
      created: -30,
      conclusion: "success",
      summaries: false,
      jobs: matrix,
    });
    const live = (await statsOf(big))?.queueMs;
    await refreshRunSummaries(db, [bigRun]);
    const [bigKept] = await db.$queryRaw<{ ms: bigint[] | null }[]>`
      SELECT queue_ms AS ms FROM workflow_runs WHERE id = ${BigInt(bigRun)}`;
    expect(bigKept?.ms).toBeNull();
    expect((await statsOf(big))?.queueMs).toEqual(live);
    expect(live).toEqual({ p50: 3 * 60_000, p95: 6 * 60_000 });
    expect(at(0)).toEqual(T0);
  });
});
