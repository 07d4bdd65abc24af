// The wall clock jumps (an NTP step, a VM resumed, a date set by hand), 6 hours back and then
// 6 hours forward, under a running worker: its schedule neither stalls (nothing synced until
// the old clock's times come round again) nor bursts (each repository synced once, then again
// only a poll interval later). Only Date is faked: timers keep the monotonic clock, as
// Node's do when the real wall clock jumps.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { scheduleHorizonMs } from "./sync.ts";
import { testSyncEnvironment } from "./testing.ts";
import { runWorker } from "./worker.ts";

const HOUR = 3600_000;
const INTERVAL_MS = 60_000;

let database: TestDatabase;
let db: Db;
let sim: RunningSimulator;

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startTestSimulator("deploy-stalled")]);
  db = createDb(database.url, { max: 4 });
}, 60_000);
afterAll(async () => {
  vi.useRealTimers();
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close()]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await sleep(250);
  }
  return false;
}

describe("a wall-clock jump under the worker", () => {
  it("neither stalls nor bursts the schedule, backwards or forwards", async () => {
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    const env = testSyncEnvironment(db, sim, TEST_NOW);
    env.pollIntervalMs = INTERVAL_MS;
    const logged: string[] = [];
    env.log = (line) => logged.push(line);
    const synced = new Map<string, number>();
    const failed: string[] = [];
    const stop = new AbortController();
    const worker = runWorker(env, [{ owner: "acme", repo: "*" }], stop.signal, (o) => {
      if (o.status === "failed") failed.push(o.error);
      if (o.status === "synced") synced.set(o.repo, (synced.get(o.repo) ?? 0) + 1);
    });
    const tracked = async () => db.repository.count({ where: { tracked: true } });
    const allSynced = async (times: number) => {
      const repos = await tracked();
      return repos > 0 && synced.size === repos && [...synced.values()].every((n) => n >= times);
    };
    try {
      expect(await until(() => allSynced(1), 200_000)).toBe(true);
      const repos = synced.size;
      expect(repos).toBeGreaterThan(0);

      // Each pass of the jumps: every repository synced once soon after, then left alone.
      const afterJump = async (times: number, label: string) => {
        expect(await until(() => allSynced(times), 60_000), label).toBe(true);
        await sleep(6_000); // three worker ticks: nothing more is due yet
        expect([...synced.values()], label).toEqual(Array(repos).fill(times));
        const now = Date.now();
        for (const s of await db.syncState.findMany()) {
          const ahead = (s.nextSyncAt?.getTime() ?? 0) - now;
          expect(ahead, label).toBeGreaterThan(0.9 * INTERVAL_MS - 10_000);
          expect(ahead, label).toBeLessThanOrEqual(1.1 * INTERVAL_MS);
        }
      };

      vi.setSystemTime(Date.now() - 6 * HOUR);
      // Without the horizon rule every next sync would lie 6 hours ahead: a stall.
      expect(6 * HOUR).toBeGreaterThan(scheduleHorizonMs(INTERVAL_MS));
      await afterJump(2, "back 6 hours");

      vi.setSystemTime(Date.now() + 12 * HOUR);
      await afterJump(3, "forward 12 hours");
      expect(failed).toEqual([]);
      expect(logged.filter((l) => l.startsWith("the wall clock jumped"))).toEqual([
        expect.stringMatching(/^the wall clock jumped back by 21[56]\d\d s/),
        expect.stringMatching(/^the wall clock jumped forward by 43[12]\d\d s/),
      ]);
    } finally {
      stop.abort();
      await worker;
      vi.useRealTimers();
    }
  }, 400_000);
});
