// `pipewatch sync --once` as a user meets it: a real process against the simulator and a real
// database; its exit code, what it prints, and what it writes.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator } from "@/lib/simulator/testing/start";

let database: TestDatabase;
let db: Db;
let sim: RunningSimulator;

beforeAll(async () => {
  [database, sim] = await Promise.all([
    createTestDatabase(),
    startTestSimulator("deploy-stalled", { now: Date.now(), token: "right" }),
  ]);
  db = createDb(database.url, { max: 2 });
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close()]);
});

function sync(
  args: string[],
  token: string,
  repos = "acme/*",
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["bin/pipewatch.mjs", "sync", ...args], {
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATABASE_URL: database.url,
      GITHUB_API_URL: sim.url,
      GITHUB_TOKEN: token,
      PIPEWATCH_REPOS: repos,
    },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

const DATA_TABLES = [
  "repositories",
  "sync_states",
  "workflows",
  "workflow_runs",
  "jobs",
  "etag_cache",
  "api_usage",
  "leases",
];

async function rowCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of DATA_TABLES) {
    const rows = (await db.$queryRaw(
      Prisma.sql`SELECT count(*)::int AS n FROM ${Prisma.raw(table)}`,
    )) as {
      n: number;
    }[];
    out[table] = rows[0]?.n ?? -1;
  }
  return out;
}

describe("pipewatch sync --once", () => {
  it("with a wrong token: exit 1, says GitHub rejected the token, writes nothing", async () => {
    const result = await sync(["--once"], "wrong");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("GitHub rejected the token (401");
    expect(result.stderr).not.toContain("wrong");
    expect(Object.values(await rowCounts()).every((n) => n === 0)).toBe(true);
  }, 60_000);

  it("without --once: exit 2 and how to use it", async () => {
    const result = await sync([], "right");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--once/);
  }, 60_000);

  it("with the right token: syncs, reports, exit 0; again: nothing but 304s", async () => {
    const first = await sync(["--once", "--repo", "acme/checkout"], "right");
    expect(first.stderr).toMatch(/1 of 1 repositories synced/);
    expect(first.code).toBe(0);
    const counts = await rowCounts();
    expect(counts.workflow_runs).toBeGreaterThan(100);
    expect(counts.leases).toBe(0); // released
    const second = await sync(["--once", "--repo", "acme/checkout"], "right");
    expect(second.code).toBe(0);
    const summary = /(\d+) API requests, (\d+) answered 304/.exec(second.stderr);
    expect(summary?.[1]).toBe(summary?.[2]);
  }, 180_000);

  it("with a repository GitHub does not know: syncs the others, names it, exit 1", async () => {
    const result = await sync(["--once"], "right", "acme/nope,acme/checkout");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("acme/nope");
    expect(result.stderr).toMatch(/1 of 2 repositories synced/);
  }, 120_000);
});
