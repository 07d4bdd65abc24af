// Retention over a synced history that spans the cut: nothing older than the cut remains,
// everything from it on is untouched, the metrics of windows inside the retained days are the
// same before and after, and no statement deletes more than a batch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { listFlakyTests } from "@/lib/metrics/flaky-tests";
import { getPipelinesReport } from "@/lib/metrics/pipelines";
import { parseBranch, parseWindow } from "@/lib/metrics/scope";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { syncSelected } from "@/lib/sync/sync";
import { testSyncEnvironment } from "@/lib/sync/testing";
import { pruneHistory, retentionCut } from "./prune.ts";

const NOW = new Date(TEST_NOW);
const DAYS = 12;
const CUT = retentionCut(NOW, DAYS);
const BATCH = 40;

/** Each table's rows as text, split at the cut by the time that anchors them. */
const ANCHORED: Record<string, { columns: string; from: string; time: string }> = {
  workflow_runs: { columns: "r.*", from: "workflow_runs r", time: "r.created_at" },
  run_attempts: {
    columns: "a.*",
    from: "run_attempts a JOIN workflow_runs r ON r.id = a.run_id",
    time: "r.created_at",
  },
  jobs: { columns: "j.*", from: "jobs j", time: "j.run_created_at" },
  steps: {
    columns: "s.*",
    from: "steps s JOIN jobs j ON j.id = s.job_id",
    time: "j.run_created_at",
  },
  cache_events: { columns: "c.*", from: "cache_events c", time: "c.run_created_at" },
  artifacts: {
    columns: "a.*",
    from: "artifacts a JOIN workflow_runs r ON r.id = a.run_id",
    time: "r.created_at",
  },
  test_results: { columns: "t.*", from: "test_results t", time: "t.run_created_at" },
  run_days: { columns: "d.*", from: "run_days d", time: "d.day::timestamptz" },
  deployments: { columns: "d.*", from: "deployments d", time: "d.created_at" },
};

async function rows(db: Db, table: string, side: "<" | ">="): Promise<string[]> {
  const t = ANCHORED[table];
  if (!t) throw new Error(table);
  const result = await db.$queryRaw<{ r: string }[]>(
    Prisma.sql`SELECT (${Prisma.raw(t.columns)})::text AS r FROM ${Prisma.raw(t.from)}
                WHERE ${Prisma.raw(t.time)} ${Prisma.raw(side)} ${CUT}`,
  );
  return result.map((row) => row.r).sort();
}

/** The run and test metrics of windows inside the retained days (without their clock time). */
async function metrics(db: Db) {
  const out: unknown[] = [];
  for (const window of ["24h", "7d", `${DAYS - 1}d`]) {
    const scope = { window: parseWindow(window, NOW), branch: parseBranch(undefined) };
    for (const report of [await getPipelinesReport(db, scope), await listFlakyTests(db, scope)])
      out.push({ ...report, generatedAt: undefined });
  }
  return out;
}

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url, { max: 4 });
  const sim = await startTestSimulator("demo", { days: 30 });
  try {
    const env = testSyncEnvironment(db, sim, TEST_NOW);
    const outcomes = await syncSelected(env, [{ owner: "acme", repo: "*" }]);
    expect(outcomes.every((o) => o.status === "synced")).toBe(true);
  } finally {
    await sim.close();
  }
}, 600_000);
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("pruneHistory", () => {
  it("deletes exactly what is older than the cut, in bounded batches, and keeps the window's metrics", async () => {
    const tables = Object.keys(ANCHORED);
    const before: Record<string, { old: string[]; kept: string[] }> = {};
    for (const table of tables)
      before[table] = { old: await rows(db, table, "<"), kept: await rows(db, table, ">=") };
    // The history really spans the cut, with something on both sides of each run table.
    for (const table of ["workflow_runs", "jobs", "steps", "run_days", "test_results"]) {
      expect(before[table]?.old.length, table).toBeGreaterThan(BATCH);
      expect(before[table]?.kept.length, table).toBeGreaterThan(0);
    }
    const metricsBefore = await metrics(db);

    const result = await pruneHistory(db, { days: DAYS, now: NOW, batchSize: BATCH });

    expect(result.cut).toEqual(CUT);
    expect(result.largestBatch).toBeLessThanOrEqual(BATCH);
    for (const table of tables) {
      expect(await rows(db, table, "<"), table).toEqual([]);
      expect(await rows(db, table, ">="), table).toEqual(before[table]?.kept);
      // Every old row went through a bounded statement of its own table, none by a cascade.
      expect(result.deleted[table] ?? 0, table).toBe(before[table]?.old.length);
    }
    const oldRows = tables.reduce((n, t) => n + (before[t]?.old.length ?? 0), 0);
    expect(result.statements).toBeGreaterThanOrEqual(Math.ceil(oldRows / BATCH));
    expect(await metrics(db)).toEqual(metricsBefore);

    // A second pass finds nothing.
    const again = await pruneHistory(db, { days: DAYS, now: NOW, batchSize: BATCH });
    expect(Object.values(again.deleted).every((n) => n === 0)).toBe(true);
  }, 600_000);
});

describe("retentionCut", () => {
  it("is the UTC midnight `days` days before now", () => {
    expect(retentionCut(new Date("2026-11-26T12:34:56Z"), 400).toISOString()).toBe(
      "2025-10-22T00:00:00.000Z",
    );
  });
});
