// Whatever the network does, the database ends up the same: a sync through the simulator's
// fault plan (5xx, hangs, garbled JSON, cut-off downloads, secondary limits and a sudden
// budget exhaustion), repeated until every repository has synced, must store exactly what a
// fault-free sync stores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { Exchange } from "@/lib/github/client";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { syncSelected } from "./sync.ts";
import { snapshot, testSyncEnvironment } from "./testing.ts";

// A deploy pipeline and a Python CI: deployments, re-runs, pytest reports, caches.
const SCENARIO = "deploy-stalled";
const FAULTS =
  "*:5xx=0.1,*:hang=0.01,runs:badjson=0.02,jobs:badjson=0.02,logs:truncate=0.05,artifacts:truncate=0.05,*:secondary=0.01,retry-after=1,exhaust-after=400";

let clean: { database: TestDatabase; db: Db; sim: RunningSimulator };
let faulty: { database: TestDatabase; db: Db; sim: RunningSimulator };

async function setUp(faults?: string) {
  const [database, sim] = await Promise.all([
    createTestDatabase(),
    startTestSimulator(SCENARIO, { faults, budgetWindowMs: 3_000, budget: 50_000 }),
  ]);
  return { database, sim, db: createDb(database.url, { max: 4 }) };
}

beforeAll(async () => {
  [clean, faulty] = await Promise.all([setUp(), setUp(FAULTS)]);
}, 60_000);
afterAll(async () => {
  for (const side of [clean, faulty]) {
    await side?.db.$disconnect();
    await Promise.all([side?.database.drop(), side?.sim.close()]);
  }
});

describe("a sync through the fault plan", () => {
  it("stores exactly what a fault-free sync stores", async () => {
    const selectors = [{ owner: "acme", repo: "*" as const }];
    const reference = await syncSelected(
      testSyncEnvironment(clean.db, clean.sim, TEST_NOW),
      selectors,
    );
    expect(reference.every((o) => o.status === "synced")).toBe(true);

    const exchanges: Exchange[] = [];
    const env = testSyncEnvironment(faulty.db, faulty.sim, TEST_NOW, { record: exchanges });
    const errors: string[] = [];
    let passes = 0;
    for (; passes < 30; passes++) {
      let outcomes: Awaited<ReturnType<typeof syncSelected>>;
      try {
        outcomes = await syncSelected(env, selectors);
      } catch (error: unknown) {
        errors.push(String(error)); // discovery itself met a fault
        continue;
      }
      for (const o of outcomes) if (o.status === "failed") errors.push(o.error);
      // Done when every repository synced with no run details left for the budget's reset.
      if (outcomes.every((o) => o.status === "synced" && o.result.deferred === 0)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    // The faults did happen (answers lost, 5xx, rate limits), yet nothing was lost.
    const failedExchanges = exchanges.filter((e) => e.status === 0 || e.status >= 403);
    expect(failedExchanges.length).toBeGreaterThan(50);
    expect(exchanges.some((e) => e.status === 0)).toBe(true);
    const [want, got] = await Promise.all([snapshot(clean.db), snapshot(faulty.db)]);
    for (const table of ["workflow_runs", "jobs", "cache_events", "test_results", "deployments"])
      expect(want[table]?.length, table).toBeGreaterThan(0);
    for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);
    const states = await faulty.db.syncState.findMany();
    expect(states.every((s) => s.lastSuccessAt !== null && s.lastError === null)).toBe(true);
  }, 600_000);
});
