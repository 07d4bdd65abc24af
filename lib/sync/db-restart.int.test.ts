// The database restarts mid-sync, three times: every connection is cut in the middle of a
// repository's details and new ones are refused for a few seconds (a proxy in front of the
// server, which is shared and never restarted itself). The worker logs it, tries again, and
// ends with exactly the database of an undisturbed sync.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { type RestartProxy, startRestartProxy } from "@/lib/db/restart-proxy";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { syncSelected } from "./sync.ts";
import {
  derivedColumns,
  NO_STALE_DERIVED,
  snapshot,
  storedCounts,
  testSyncEnvironment,
} from "./testing.ts";
import { runWorker } from "./worker.ts";

const SCENARIO = "deploy-stalled";
const RESTARTS = 3;
const DOWN_MS = 3_000;

let reference: { database: TestDatabase; db: Db };
let target: { database: TestDatabase; db: Db; proxy: RestartProxy };
let sim: RunningSimulator;

beforeAll(async () => {
  const [a, b, s] = await Promise.all([
    createTestDatabase(),
    createTestDatabase(),
    startTestSimulator(SCENARIO),
  ]);
  const proxy = await startRestartProxy(b.url);
  reference = { database: a, db: createDb(a.url, { max: 4 }) };
  target = { database: b, db: createDb(proxy.url, { max: 4 }), proxy };
  sim = s;
}, 60_000);
afterAll(async () => {
  await target?.proxy.close();
  for (const side of [reference, target]) {
    await side?.db.$disconnect();
    await side?.database.drop();
  }
  await sim?.close();
});

describe("a database restarted mid-sync", () => {
  it("is resumed by the worker without loss: the database equals an undisturbed sync's", async () => {
    const selectors = [{ owner: "acme", repo: "*" as const }];
    const outcomes = await syncSelected(
      testSyncEnvironment(reference.db, sim, TEST_NOW),
      selectors,
    );
    expect(outcomes.every((o) => o.status === "synced")).toBe(true);

    const logged: string[] = [];
    const env = testSyncEnvironment(target.db, sim, TEST_NOW);
    env.pollIntervalMs = 1_000; // resync (and retry) quickly, so the test ends soon
    env.log = (line) => logged.push(line);
    const restarts: Promise<void>[] = [];
    let restarting = false;
    let lastUp = 0;
    let progressSinceUp = 0;
    env.onProgress = (p) => {
      // In the middle of the details, some progress after the database came back.
      if (p.phase !== "details" || restarting || restarts.length >= RESTARTS) return;
      if (++progressSinceUp < 8) return;
      restarting = true;
      progressSinceUp = 0;
      restarts.push(
        target.proxy.restart(DOWN_MS).then(() => {
          restarting = false;
          lastUp = Date.now();
        }),
      );
    };
    const failed: string[] = [];
    const stop = new AbortController();
    const worker = runWorker(env, selectors, stop.signal, (o) => {
      if (o.status === "failed") failed.push(o.error);
    });

    const deadline = Date.now() + 240_000;
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      if (Date.now() > deadline) break;
      if (restarts.length < RESTARTS || restarting) continue;
      // Every repository synced again, with no error left, since the database came back.
      const states = await target.db.syncState.findMany().catch(() => []);
      const tracked = await target.db.repository.count({ where: { tracked: true } });
      const settled = states.filter(
        (s) =>
          s.lastError === null && s.backfillDoneAt && (s.lastSuccessAt?.getTime() ?? 0) > lastUp,
      );
      if (tracked > 0 && settled.length === tracked) break;
    }
    stop.abort();
    await Promise.all([worker, ...restarts]);

    expect(restarts).toHaveLength(RESTARTS);
    expect(target.proxy.cut()).toBeGreaterThanOrEqual(RESTARTS);
    // The worker saw the restarts and said so, in one line each, and never stopped.
    const seen = [...logged, ...failed];
    expect(seen.join("\n")).toMatch(
      /Connection terminated|reach database server|ECONNREFUSED|ECONNRESET/,
    );
    for (const line of seen) expect(line).not.toMatch(/\n\s+at /);

    const [want, got] = await Promise.all([snapshot(reference.db), snapshot(target.db)]);
    for (const table of ["workflow_runs", "jobs", "cache_events", "test_results", "deployments"])
      expect(want[table]?.length, table).toBeGreaterThan(0);
    for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);
    expect(await storedCounts(target.db)).toEqual(await storedCounts(reference.db));
    const derived = await derivedColumns(target.db);
    expect(derived).toMatchObject(NO_STALE_DERIVED);
    expect(derived).toEqual(await derivedColumns(reference.db));
  }, 300_000);
});
