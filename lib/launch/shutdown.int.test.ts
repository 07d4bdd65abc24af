// SIGTERM in the middle of a sync: the server process lets the sync finish its current page,
// stops its timers, closes the database pool and exits 0 within the grace period; a sync run
// afterwards completes the work, and the database equals that of an uninterrupted sync.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator } from "@/lib/simulator/testing/start";
import { syncSelected } from "@/lib/sync/sync";
import { snapshot, testSyncEnvironment } from "@/lib/sync/testing";
import { SHUTDOWN_GRACE_MS } from "./shutdown.ts";

const NOW = Math.floor(Date.now() / 1000) * 1000;

let reference: { database: TestDatabase; db: Db };
let target: { database: TestDatabase; db: Db };
let sim: RunningSimulator;

beforeAll(async () => {
  const [a, b, s] = await Promise.all([
    createTestDatabase(),
    createTestDatabase(),
    startTestSimulator("demo", { now: NOW }),
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

function environment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    DATABASE_URL: target.database.url,
    GITHUB_API_URL: sim.url,
    GITHUB_TOKEN: "t",
    PIPEWATCH_REPOS: "acme/*",
    PIPEWATCH_WORKER: "on",
  };
}

function startServer(): { child: ChildProcess; output: () => string; exited: Promise<number> } {
  const child = spawn(
    process.execPath,
    ["--import", "./bin/register.mjs", "lib/launch/testing/next-like-server.ts"],
    { env: environment(), stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : -2))),
  );
  return { child, output: () => output, exited };
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const runCount = async (db: Db) =>
  Number((await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM workflow_runs`)[0]?.n);

describe("SIGTERM during a sync", () => {
  it("exits 0 after the current page, and the next sync ends where an uninterrupted one does", async () => {
    const env = testSyncEnvironment(reference.db, sim, NOW);
    const outcomes = await syncSelected(env, [{ owner: "acme", repo: "*" }]);
    expect(outcomes.every((o) => o.status === "synced")).toBe(true);
    const total = await runCount(reference.db);

    const server = startServer();
    // Mid-sync: some runs stored, far from all of them.
    await until(async () => (await runCount(target.db)) > 0, 120_000);
    const port = Number(/ready (\d+)/.exec(server.output())?.[1]);
    const slow = fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 100));
    const signalled = Date.now();
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(SHUTDOWN_GRACE_MS);
    expect(await slow).toBe("ok"); // the request in flight was answered before the exit
    expect(await runCount(target.db)).toBeLessThan(total);
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg: string });
    expect(lines.map((l) => l.msg)).toContain("stopped");
    // A stop is not a failure: no back-off recorded for the repository cut short.
    const failures = await target.db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM sync_states WHERE consecutive_failures > 0`;
    expect(Number(failures[0]?.n)).toBe(0);

    // Not spawnSync: the simulator answering it lives in this process.
    const after = spawn(process.execPath, ["bin/pipewatch.mjs", "sync", "--once"], {
      env: environment(),
      stdio: "ignore",
    });
    expect(await new Promise((resolve) => after.once("exit", resolve))).toBe(0);
    const [want, got] = await Promise.all([snapshot(reference.db), snapshot(target.db)]);
    for (const table of Object.keys(want)) expect(got[table], table).toEqual(want[table]);
  }, 900_000);
});
