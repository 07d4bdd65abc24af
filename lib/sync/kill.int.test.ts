// `kill -9` at any moment loses nothing and duplicates nothing: `pipewatch sync --once` runs as
// a child process and is killed with SIGKILL at random points, at least 20 times, then allowed
// to finish; the database must equal the one an uninterrupted sync produces.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { Random } from "@/lib/simulator/random";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator } from "@/lib/simulator/testing/start";
import { DAY } from "./run-windows.ts";
import { syncSelected } from "./sync.ts";
import { snapshot, testSyncEnvironment } from "./testing.ts";

const SCENARIO = "demo"; // long enough (~4,000 runs) for every kill to land mid-sync
const KILLS = 24;
// The simulator is frozen at "now" (the child's clock is the real one: its backfill starts
// from --since, the same day for both syncs).
const NOW = Math.floor(Date.now() / 1000) * 1000;
const SINCE = new Date(Math.floor((NOW - 30 * DAY) / DAY) * DAY);

let reference: { database: TestDatabase; db: Db };
let target: { database: TestDatabase; db: Db };
let sim: RunningSimulator;

beforeAll(async () => {
  const [a, b, s] = await Promise.all([
    createTestDatabase(),
    createTestDatabase(),
    startTestSimulator(SCENARIO, { now: NOW }),
  ]);
  reference = { database: a, db: createDb(a.url, { max: 4 }) };
  target = { database: b, db: createDb(b.url, { max: 2 }) };
  sim = s;
}, 60_000);
afterAll(async () => {
  for (const side of [reference, target]) {
    await side?.db.$disconnect();
    await side?.database.drop();
  }
  await sim?.close();
});

function startSync(): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    ["bin/pipewatch.mjs", "sync", "--once", "--since", SINCE.toISOString()],
    {
      env: {
        ...process.env,
        DATABASE_URL: target.database.url,
        GITHUB_API_URL: sim.url,
        GITHUB_TOKEN: "t",
        PIPEWATCH_REPOS: "acme/*",
      },
      stdio: "ignore",
    },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, exited };
}

describe("a sync killed with SIGKILL again and again", () => {
  it("ends with exactly the database of an uninterrupted sync", async () => {
    const env = testSyncEnvironment(reference.db, sim, NOW);
    const outcomes = await syncSelected(env, [{ owner: "acme", repo: "*" }], { since: SINCE });
    expect(outcomes.every((o) => o.status === "synced")).toBe(true);

    const random = new Random(7);
    let kills = 0;
    let finished = false;
    while (kills < KILLS || !finished) {
      const { child, exited } = startSync();
      if (kills >= KILLS) {
        expect(await exited).toBe(0);
        finished = true;
        break;
      }
      // Start-up (tsx, config, migrations) takes about a second; kill anywhere after it.
      const delay = 700 + random.int(0, 2500);
      const outcome = await Promise.race([
        exited.then((code) => ({ code })),
        new Promise<null>((r) => setTimeout(() => r(null), delay)),
      ]);
      if (outcome === null) {
        child.kill("SIGKILL");
        await exited;
        kills++;
      } else {
        expect(outcome.code).toBe(0); // it finished before the kill: start the next round
      }
    }
    expect(kills).toBeGreaterThanOrEqual(20);
    const [want, got] = await Promise.all([snapshot(reference.db), snapshot(target.db)]);
    for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);
  }, 900_000);
});
