// Two workers against one database share an organisation: every repository is synced, and
// never by both at once (each holds the repository's lease while it syncs).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { DAY } from "./run-windows.ts";
import { scenarioTruth, storedCounts, testSyncEnvironment } from "./testing.ts";
import { runWorker } from "./worker.ts";

let database: TestDatabase;
let db: Db;
let sim: RunningSimulator;

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startTestSimulator("demo")]);
  db = createDb(database.url, { max: 10 });
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close()]);
});

describe("two workers", () => {
  it("sync every repository, never the same one at the same time", async () => {
    const spans: { repo: string; worker: string; from: number; to: number }[] = [];
    const stop = new AbortController();
    const workers = ["w1", "w2"].map((workerId) => {
      const env = testSyncEnvironment(db, sim, TEST_NOW, { workerId });
      const open = new Map<string, number>();
      env.onProgress = (p) => {
        if (p.phase === "workflows") open.set(p.repo, performance.now());
        if (p.phase === "done")
          spans.push({
            repo: p.repo,
            worker: workerId,
            from: open.get(p.repo) ?? 0,
            to: performance.now(),
          });
      };
      return runWorker(env, [{ owner: "acme", repo: "*" }], stop.signal);
    });
    const deadline = Date.now() + 280_000;
    for (;;) {
      const [tracked, done] = await Promise.all([
        db.repository.count({ where: { tracked: true } }),
        db.syncState.count({ where: { backfillDoneAt: { not: null } } }),
      ]);
      if ((tracked > 0 && done === tracked) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    stop.abort();
    await Promise.all(workers);

    const { cacheEntries: _, ...truth } = scenarioTruth(
      sim,
      TEST_NOW,
      Math.floor((TEST_NOW - 30 * DAY) / DAY) * DAY,
    );
    expect(await storedCounts(db)).toEqual(truth);
    expect(new Set(spans.map((s) => s.worker))).toEqual(new Set(["w1", "w2"]));
    for (const a of spans)
      for (const b of spans)
        if (a !== b && a.repo === b.repo) expect(a.to <= b.from || b.to <= a.from).toBe(true);
  }, 300_000);
});
