// Whatever the network does, the database ends up the same: a sync through the simulator's
// fault plan (5xx, hangs, garbled JSON, cut-off downloads, secondary limits and a sudden
// budget exhaustion), repeated until every repository has synced, must store exactly what a
// fault-free sync stores. Malformed content (lib/simulator/server/malformed.ts: objects of
// nulls, of wrong types, without ids; huge logs and invalid UTF-8; zip bombs and deeply nested
// JUnit) is refused with a reason, never crashes the sync, and changes nothing else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { Exchange } from "@/lib/github/client";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { type SyncEnvironment, syncSelected } from "./sync.ts";
import { snapshot, testSyncEnvironment } from "./testing.ts";

// A deploy pipeline and a Python CI: deployments, re-runs, pytest reports, caches.
const SCENARIO = "deploy-stalled";
const FAULTS =
  "*:5xx=0.1,*:hang=0.01,runs:badjson=0.02,jobs:badjson=0.02,logs:truncate=0.05,artifacts:truncate=0.05,*:secondary=0.01,retry-after=1,exhaust-after=400";

/** Malformed content; the limits below make the huge log and the zip bomb exceed them. */
// JSON faults are rare: a spoilt object fails its whole page (or run), which a later pass
// fetches again, and a sync makes hundreds of such requests per pass.
const MALFORMED =
  "runs:nulls=0.005,runs:wrongtypes=0.005,runs:missing=0.005,jobs:nulls=0.01,jobs:wrongtypes=0.01,jobs:missing=0.01,artifacts:nulls=0.02,deployments:wrongtypes=0.02,workflows:missing=0.02,logs:hugelog=0.1,logs:badutf8=0.2,artifacts:zipbomb=0.1,artifacts:deepxml=0.1";
const LIMITS = { maxLogBytes: 4 * 1024 * 1024, maxUnzippedBytes: 16 * 1024 * 1024 };

type Side = { database: TestDatabase; db: Db; sim: RunningSimulator };
let clean: Side;
let faulty: Side;
let malformed: Side;

async function setUp(faults?: string) {
  const [database, sim] = await Promise.all([
    createTestDatabase(),
    startTestSimulator(SCENARIO, { faults, budgetWindowMs: 3_000, budget: 50_000 }),
  ]);
  return { database, sim, db: createDb(database.url, { max: 4 }) };
}

beforeAll(async () => {
  [clean, faulty, malformed] = await Promise.all([setUp(), setUp(FAULTS), setUp(MALFORMED)]);
}, 60_000);
afterAll(async () => {
  for (const side of [clean, faulty, malformed]) {
    await side?.db.$disconnect();
    await Promise.all([side?.database.drop(), side?.sim.close()]);
  }
});

const selectors = [{ owner: "acme", repo: "*" as const }];

/** Syncs until every repository synced with no run details left; the errors met on the way. */
async function syncUntilDone(env: SyncEnvironment): Promise<string[]> {
  const errors: string[] = [];
  for (let passes = 0; passes < 30; passes++) {
    let outcomes: Awaited<ReturnType<typeof syncSelected>>;
    try {
      outcomes = await syncSelected(env, selectors);
    } catch (error: unknown) {
      errors.push(String(error)); // discovery itself met a fault
      continue;
    }
    for (const o of outcomes) if (o.status === "failed") errors.push(o.error);
    // Done when every repository synced with no run details left for the budget's reset.
    if (outcomes.every((o) => o.status === "synced" && o.result.deferred === 0)) return errors;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`not done after 30 passes: ${errors.slice(-3).join("; ")}`);
}

/** `rows` (snapshot rows) without those whose first column is one of `ids`. */
const without = (rows: string[] | undefined, ids: Set<string>) =>
  (rows ?? []).filter((row) => !ids.has(row.slice(1).split(",")[0] ?? ""));

describe("a sync through the fault plan", () => {
  it("stores exactly what a fault-free sync stores", async () => {
    const reference = await syncSelected(
      testSyncEnvironment(clean.db, clean.sim, TEST_NOW),
      selectors,
    );
    expect(reference.every((o) => o.status === "synced")).toBe(true);

    const exchanges: Exchange[] = [];
    const env = testSyncEnvironment(faulty.db, faulty.sim, TEST_NOW, { record: exchanges });
    await syncUntilDone(env);
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

  it("refuses malformed content with a reason, storing everything else as a clean sync does", async () => {
    await syncSelected(testSyncEnvironment(clean.db, clean.sim, TEST_NOW), selectors);
    const env = testSyncEnvironment(malformed.db, malformed.sim, TEST_NOW, LIMITS);
    const errors = await syncUntilDone(env);
    // JSON objects GitHub should never send were refused, naming what was wrong.
    expect(errors.some((e) => /GitHub sent an unexpected/.test(e))).toBe(true);
    // The zip bombs and nested reports were skipped, the huge logs too, each with its reason.
    const skipped = await malformed.db.artifact.findMany({ where: { state: "skipped" } });
    expect(skipped.map((a) => a.stateReason ?? "")).toEqual(
      skipped.map(() => expect.stringMatching(/zip bomb|more than \d+ bytes|nest/)),
    );
    expect(skipped.some((a) => /zip bomb|bytes/.test(a.stateReason ?? ""))).toBe(true);
    expect(skipped.some((a) => /nest/.test(a.stateReason ?? ""))).toBe(true);
    const huge = await malformed.db.job.findMany({ where: { logState: "too_large" } });
    expect(huge.length).toBeGreaterThan(0);
    expect(huge.every((j) => /larger than|more than/.test(j.logError ?? ""))).toBe(true);
    // Everything else is what the clean sync stored (invalid UTF-8 lines cost no cache event).
    const artifacts = new Set(skipped.map((a) => String(a.id)));
    const jobs = new Set(huge.map((j) => String(j.id)));
    const [want, got] = await Promise.all([snapshot(clean.db), snapshot(malformed.db)]);
    const spare: Record<string, Set<string>> = {
      artifacts,
      test_results: artifacts,
      jobs,
      cache_events: jobs,
    };
    for (const table of Object.keys(want)) {
      const ids = spare[table] ?? new Set<string>();
      expect(without(got[table], ids), table).toEqual(without(want[table], ids));
    }
  }, 600_000);
});
