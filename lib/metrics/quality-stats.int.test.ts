// Cache hit rate and flakiness (docs/metrics.md) on hand-made runs, attempts, cache events and
// test results.
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { queryFlakyStats } from "./quality-stats.ts";
import { queryRunStats } from "./run-stats.ts";
import { refreshRunSummaries } from "./run-summaries.ts";
import { parseBranch, parseWindow } from "./scope.ts";
import { at, seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
let repo: number;
const scope = () => ({ window: parseWindow("30d", T0), branch: parseBranch(undefined) });
/** Pipeline `wf`'s cache stats, which come with its run stats. */
const cacheOf = async (wf: number) =>
  (await queryRunStats(database.db, scope(), [repo], wf)).find((s) => s.workflowId === wf)?.cache;

beforeAll(async () => {
  repo = await seedRepo(database.db);
});

describe("cache stats", () => {
  it("count restores by outcome (saves left out); the hit rate counts partial restores as not hits", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Cache");
    // Read from the events first (nothing kept on the run yet), then from what the run keeps.
    const run = await seedRun(db, repo, wf, {
      created: -60,
      conclusion: "success",
      summaries: false,
      jobs: [{ queue: 1, conclusion: "success" }],
    });
    const outcomes = ["exact", "exact", "partial", "miss", "exact"] as const;
    const events = [
      ...outcomes.map((outcome) => ({ kind: "restore" as const, outcome })),
      { kind: "save" as const, outcome: "saved" as const },
      { kind: "save" as const, outcome: "not_saved" as const },
    ];
    await db.cacheEvent.createMany({
      data: events.map((e, seq) => ({
        jobId: BigInt(run * 100),
        runId: BigInt(run),
        workflowId: BigInt(wf),
        runCreatedAt: at(-60),
        seq,
        source: "actions/cache",
        ...e,
      })),
    });
    const expected = { hits: 3, partial: 1, misses: 1, hitRate: 0.6 };
    expect(await cacheOf(wf)).toEqual(expected);
    await refreshRunSummaries(db, [run]);
    expect(await cacheOf(wf)).toEqual(expected);
    const none = await seedWorkflow(db, repo, "No cache");
    await seedRun(db, repo, none, { created: -60, conclusion: "success" });
    expect(await cacheOf(none)).toEqual({ hits: 0, partial: 0, misses: 0, hitRate: null });
  });
});

describe("flaky stats", () => {
  it("find SHAs that failed and later succeeded, on a re-run or on a new run, and flaky tests", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Flaky");
    // A: failed, then its re-run succeeded. B: failed, a new run on the same SHA succeeded.
    // C: succeeded, then failed (not flaky). D: cancelled only (not counted). E: success.
    const a = await seedRun(db, repo, wf, {
      created: -300,
      conclusion: "success",
      earlier: ["failure"],
      sha: "A",
    });
    await seedRun(db, repo, wf, { created: -290, conclusion: "timed_out", sha: "B" });
    await seedRun(db, repo, wf, { created: -280, conclusion: "success", sha: "B" });
    await seedRun(db, repo, wf, { created: -270, conclusion: "success", sha: "C" });
    await seedRun(db, repo, wf, { created: -260, conclusion: "failure", sha: "C" });
    await seedRun(db, repo, wf, { created: -250, conclusion: "cancelled", sha: "D" });
    const e = await seedRun(db, repo, wf, { created: -240, conclusion: "success", sha: "E" });
    // Tests: x failed then passed on A; y passed after a retry inside one job; z failed on C
    // and passed on E (different SHAs: not flaky).
    const results: [number, string, string, string][] = [
      [a, "A", "x", "failed"],
      [a, "A", "x", "passed"],
      [a, "A", "y", "flaky"],
      [a, "A", "w", "passed"],
      [e, "E", "z", "passed"],
    ];
    for (const [i, [runId, sha, name, outcome]] of results.entries()) {
      const artifact = BigInt(runId * 10 + i);
      await db.artifact.create({
        data: {
          id: artifact,
          repoId: BigInt(repo),
          runId: BigInt(runId),
          name: "junit",
          sizeInBytes: 1n,
        },
      });
      await db.testResult.create({
        data: {
          repoId: BigInt(repo),
          runId: BigInt(runId),
          workflowId: BigInt(wf),
          runCreatedAt: at(-300),
          artifactId: artifact,
          seq: 0,
          headSha: sha,
          suite: "S",
          name,
          outcome: outcome as "passed",
        },
      });
    }
    const stats = (await queryFlakyStats(db, scope(), [repo])).get(wf);
    expect(stats).toEqual({ flakyRuns: 2, rate: 2 / 4, flakyTests: 2 });
  });

  it("follow the order of attempts 1 to 3, and of runs on one SHA, and the run counts its latest", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Three attempts");
    // F: failure, cancelled, success (attempt 3 fixed it): flaky.
    await seedRun(db, repo, wf, {
      created: -200,
      conclusion: "success",
      earlier: ["failure", "cancelled"],
      sha: "F",
    });
    // G: success, failure, failure: the failures came after the success: not flaky.
    await seedRun(db, repo, wf, {
      created: -190,
      conclusion: "failure",
      earlier: ["success", "failure"],
      sha: "G",
    });
    // H: cancelled, failure, cancelled, then a new run on H succeeds on its second attempt
    // after a startup failure: flaky (the failure of the first run precedes that success).
    await seedRun(db, repo, wf, {
      created: -180,
      conclusion: "cancelled",
      earlier: ["cancelled", "failure"],
      sha: "H",
    });
    await seedRun(db, repo, wf, {
      created: -170,
      conclusion: "success",
      earlier: ["startup_failure"],
      sha: "H",
    });
    // I: only cancelled attempts: not counted.
    await seedRun(db, repo, wf, {
      created: -160,
      conclusion: "cancelled",
      earlier: ["cancelled", "cancelled"],
      sha: "I",
    });
    expect((await queryFlakyStats(db, scope(), [repo])).get(wf)).toEqual({
      flakyRuns: 2,
      rate: 2 / 3,
      flakyTests: 0,
    });
    // Run counts follow the latest attempt: F and H's second run succeeded, G failed, H's first
    // run and I were cancelled.
    const [stats] = (await queryRunStats(db, scope(), [repo])).filter((s) => s.workflowId === wf);
    expect(stats).toMatchObject({ runs: 5, successes: 2, failures: 1, cancelled: 2 });
    expect(stats?.successRate).toBeCloseTo(2 / 3);
  });

  it("have a null rate when no SHA has a completed, non-cancelled attempt", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Cancelled");
    await seedRun(db, repo, wf, { created: -60, conclusion: "cancelled" });
    await seedRun(db, repo, wf, { created: -30, conclusion: null });
    expect((await queryFlakyStats(db, scope(), [repo])).get(wf)).toEqual({
      flakyRuns: 0,
      rate: null,
      flakyTests: 0,
    });
  });
});
