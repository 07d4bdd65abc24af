// A full sync of the simulator's demo organisation into a real database, compared with the
// scenario's ground truth; then a second pass over the unchanged organisation, which must be
// answered entirely by 304s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { DAY } from "./run-windows.ts";
import { type SyncEnvironment, syncSelected } from "./sync.ts";
import { scenarioTruth, snapshot, storedCounts, testSyncEnvironment } from "./testing.ts";

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

  it("stores the values GitHub shows (a sample of runs, jobs and steps)", async () => {
    const run = await db.workflowRun.findFirstOrThrow({
      where: { runAttempt: { gt: 1 } },
      include: { attempts: true, jobs: { include: { steps: true } } },
    });
    const { data } = await env
      .clientFor("acme")
      .then((c) =>
        c.rest.actions.getWorkflowRun({ owner: "acme", repo: "payments", run_id: Number(run.id) }),
      )
      .catch(async () =>
        (await env.clientFor("acme")).request("GET /repositories/{id}/actions/runs/{run_id}", {
          id: Number(run.repoId),
          run_id: Number(run.id),
        }),
      );
    expect(run.conclusion).toBe(data.conclusion);
    expect(run.headSha).toBe(data.head_sha);
    expect(run.attempts).toHaveLength(run.runAttempt);
    expect(run.detailsAttempt).toBe(run.runAttempt);
    expect(new Set(run.jobs.map((j) => j.runAttempt)).size).toBe(run.runAttempt);
    expect(run.jobs.every((j) => j.steps.length > 0)).toBe(true);
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
});
