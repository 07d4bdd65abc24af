// A full sync of the simulator's demo organisation into a real database, compared with the
// scenario's ground truth; then a second pass over the unchanged organisation, which must be
// answered entirely by 304s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import type { GitHubJob } from "./github-detail-schemas.ts";
import { DAY } from "./run-windows.ts";

const HOUR = DAY / 24;

import { type SyncEnvironment, syncSelected } from "./sync.ts";
import {
  declaredFlags,
  derivedColumns,
  NO_STALE_DERIVED,
  openPipelineFlags,
  scenarioTruth,
  snapshot,
  storedCounts,
  testSyncEnvironment,
} from "./testing.ts";

let database: TestDatabase;
let db: Db;
let sim: RunningSimulator;
let env: SyncEnvironment;

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startTestSimulator("demo")]);
  db = createDb(database.url, { max: 4 });
  env = testSyncEnvironment(db, sim, TEST_NOW);
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close()]);
});

describe("a full sync of the demo organisation", () => {
  it("stores exactly the scenario's runs, attempts, jobs, steps, cache events, tests and deployments", async () => {
    const outcomes = await syncSelected(env, [{ owner: "acme", repo: "*" }]);
    expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => "synced"));
    const from = Math.floor((TEST_NOW - 30 * DAY) / DAY) * DAY;
    const { cacheEntries: _, ...truth } = scenarioTruth(sim, TEST_NOW, from);
    expect(truth.runs).toBeGreaterThan(500);
    expect(await storedCounts(db)).toEqual(truth);
  }, 300_000);

  it("keeps what it stores for the metrics equal to what it is derived from", async () => {
    const derived = await derivedColumns(db);
    expect(derived).toMatchObject(NO_STALE_DERIVED);
    expect(derived?.queueDays).toBeGreaterThan(100);
    expect(derived?.runDays).toBeGreaterThan(100);
    expect(derived?.runsSharingSha).toBeGreaterThan(10);
    expect(derived?.runQueues).toBeGreaterThan(1000);
    expect(derived?.runCacheHits).toBeGreaterThan(1000);
    expect(derived?.deploymentWorkflows).toBeGreaterThan(100);
  });

  it("stores the values GitHub shows (a sample of runs, their attempts, jobs and steps)", async () => {
    const client = await env.clientFor("acme");
    const sample = await db.$queryRaw<{ id: bigint; repo_id: bigint }[]>`
      SELECT id, repo_id FROM workflow_runs WHERE status = 'completed'
       ORDER BY run_attempt DESC, md5(id::text) LIMIT 25`;
    expect(sample.length).toBe(25);
    for (const { id, repo_id } of sample) {
      const params = { id: Number(repo_id), run_id: Number(id) };
      const { data: run } = await client.request(
        "GET /repositories/{id}/actions/runs/{run_id}",
        params,
      );
      const stored = await db.workflowRun.findUniqueOrThrow({
        where: { id },
        include: { attempts: true, jobs: { include: { steps: true } } },
      });
      expect({
        status: stored.status,
        conclusion: stored.conclusion,
        headSha: stored.headSha,
        runAttempt: stored.runAttempt,
        createdAt: stored.createdAt.toISOString(),
        updatedAt: stored.updatedAt.toISOString(),
      }).toEqual({
        status: run.status,
        conclusion: run.conclusion,
        headSha: run.head_sha,
        runAttempt: run.run_attempt,
        createdAt: new Date(run.created_at).toISOString(),
        updatedAt: new Date(run.updated_at).toISOString(),
      });
      expect(stored.attempts.map((a) => a.attempt).sort()).toEqual(
        Array.from({ length: run.run_attempt ?? 1 }, (_, i) => i + 1),
      );
      expect(stored.detailsAttempt).toBe(stored.runAttempt);
      const jobs = (await client.paginate("GET /repositories/{id}/actions/runs/{run_id}/jobs", {
        ...params,
        filter: "all",
        per_page: 100,
      })) as GitHubJob[];
      const byId = new Map(stored.jobs.map((j) => [Number(j.id), j]));
      expect(byId.size).toBe(jobs.length);
      for (const job of jobs) {
        const mine = byId.get(job.id);
        expect(mine?.conclusion).toBe(job.conclusion);
        expect(mine?.runAttempt).toBe(job.run_attempt);
        expect(mine?.steps.map((st) => [st.number, st.name, st.conclusion]).sort()).toEqual(
          (job.steps ?? []).map((st) => [st.number, st.name, st.conclusion]).sort(),
        );
      }
    }
  });

  it("raises the flags the scenario declares, and no others", async () => {
    const expected = declaredFlags(sim.sim.scenario.truth, TEST_NOW);
    expect(expected).toHaveLength(7);
    expect(await openPipelineFlags(db)).toEqual(expected);
  });

  it("answers a second pass over the unchanged organisation with 304s only", async () => {
    const before = await snapshot(db);
    const requests = env.telemetry.apiRequests;
    const notModified = env.telemetry.notModified;
    // A sweep of the whole re-run horizon, not just the hot days.
    const sweep = { ...env, options: { ...env.options, sweepEveryMs: 0 } };
    const outcomes = await syncSelected(sweep, [{ owner: "acme", repo: "*" }]);
    expect(outcomes.every((o) => o.status === "synced")).toBe(true);
    const spent = env.telemetry.apiRequests - requests;
    expect(spent).toBeGreaterThan(0);
    expect(env.telemetry.notModified - notModified).toBe(spent);
    expect(await snapshot(db)).toEqual(before);
  }, 120_000);

  it("follows the declared flags through live time: a deploy stalls, a fast push becomes usual", async () => {
    // Live time is 20 times busier than the history: a day of it is weeks of pushes.
    for (const hours of [9, 25, 40]) {
      const at = TEST_NOW + hours * HOUR;
      sim.sim.clock.advance(at - sim.sim.clock.now());
      const later = testSyncEnvironment(db, sim, at);
      const outcomes = await syncSelected(later, [{ owner: "acme", repo: "*" }]);
      expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => "synced"));
      expect({ hours, open: await openPipelineFlags(db) }).toEqual({
        hours,
        open: declaredFlags(sim.sim.scenario.truth, at),
      });
    }
  }, 600_000);
});
