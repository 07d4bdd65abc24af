// GET /api/v1/pipelines/{id} against a real database: the series' buckets and values on
// hand-made runs placed on real hour boundaries (the route's window ends now), and bad input
// answered 400 or 404 naming the problem. The latest runs: route-runs.int.test.ts.
import { describe, expect, it } from "vitest";
import { setUpRoute } from "@/lib/api/route-testing";
import type { Db } from "@/lib/db/client";
import { refreshRunSummaries } from "@/lib/metrics/run-summaries";
import { type RunSpec, seedRepo, seedRun, seedWorkflow, T0 } from "@/lib/metrics/testing";

type Point = Record<string, unknown> & { start: string };

let repo = 0;
let ci = 0;
let untracked = 0;
const HOUR = 3_600_000;
// Minutes from T0 to the start of the current UTC hour (T0 is on the hour).
const base = Math.floor((Date.now() - T0.getTime()) / HOUR) * 60;
/** The ISO start of the hour `n` hours before the current one. */
const hourStart = (n: number) => new Date(T0.getTime() + (base - n * 60) * 60_000).toISOString();
const ids: Record<string, number> = {};

async function seed(db: Db) {
  repo = await seedRepo(db);
  ci = await seedWorkflow(db, repo, "CI");
  const run = (key: string, spec: RunSpec) =>
    seedRun(db, repo, ci, spec).then((id) => {
      ids[key] = id;
      return id;
    });
  // H-4: one success, in the last minute of the hour.
  await run("edge", { created: base - 181, conclusion: "success", minutes: 3, sha: "edge" });
  // H-3: a success on the hour's first minute, a success re-run after a failure (flaky SHA B),
  // and a failure whose SHA G succeeds in H0 (flaky, counted where G first ran: H-3).
  await run("a", { created: base - 180, conclusion: "success", minutes: 4, sha: "A" });
  await run("b", {
    created: base - 150,
    conclusion: "success",
    minutes: 10,
    sha: "B",
    earlier: ["failure"],
  });
  await run("g1", { created: base - 130, conclusion: "failure", minutes: 2, sha: "G" });
  // H-2: failures only. H-1: nothing on main (a feature-branch run only).
  await run("d", { created: base - 100, conclusion: "failure", minutes: 1, sha: "D" });
  await run("e", { created: base - 61, conclusion: "timed_out", minutes: 30, sha: "E" });
  await run("feat", { created: base - 30, conclusion: "success", minutes: 7, branch: "feat" });
  // H0: G succeeds, and a run still in progress.
  await run("g2", { created: base, conclusion: "success", minutes: 2, sha: "G" });
  await run("p", { created: base, conclusion: null, sha: "P" });
  const outcomes = ["exact", "partial", "miss", "exact"] as const;
  await db.job.create({
    data: {
      id: BigInt(ids.a ?? 0) * 100n,
      runId: BigInt(ids.a ?? 0),
      workflowId: BigInt(ci),
      runCreatedAt: new Date(T0.getTime() + (base - 180) * 60_000),
      runAttempt: 1,
      name: "build",
      status: "completed",
      conclusion: "success",
      headSha: "A",
    },
  });
  await db.cacheEvent.createMany({
    data: outcomes.map((outcome, seq) => ({
      jobId: BigInt(ids.a ?? 0) * 100n,
      runId: BigInt(ids.a ?? 0),
      workflowId: BigInt(ci),
      runCreatedAt: new Date(T0.getTime() + (base - 180) * 60_000),
      seq,
      kind: "restore" as const,
      outcome,
      source: "actions/cache",
    })),
  });
  // As the sync does once it has stored a run's jobs and cache events.
  await refreshRunSummaries(db, [ids.a ?? 0]);

  const other = await seedRepo(db, { tracked: false });
  untracked = await seedWorkflow(db, other, "Gone");
  await seedRun(db, other, untracked, { created: base - 60, conclusion: "success" });
}

const route = setUpRoute(
  "/api/v1/pipelines/[id]",
  () => import("@/app/api/v1/pipelines/[id]/route"),
  { seed },
);
const get = (id: string | number, query = "") => route.get(query, { id: String(id) });

const pointAt = (series: Point[], start: string) => {
  const point = series.find((p) => p.start === start);
  if (!point) throw new Error(`no bucket ${start} in ${series.map((p) => p.start).join(", ")}`);
  return point;
};

describe("GET /api/v1/pipelines/{id}: series", () => {
  it("answers the pipeline as the list does, with every hour of a 6h window", async () => {
    const { status, body } = await get(ci, "?window=6h");
    expect(status).toBe(200);
    expect(body.bucket).toBe("hour");
    expect(body.pipeline).toMatchObject({
      id: String(ci),
      workflowId: ci,
      name: "CI",
      runs: 7,
      successes: 4,
      failures: 3,
      flaky: { flakyRuns: 2, rate: 2 / 6 },
      cache: { hits: 2, partial: 1, misses: 1, hitRate: 0.5 },
    });
    const series = body.series as Point[];
    const window = body.window as { from: string; to: string };
    // From the hour holding the window's start to the one holding now, one hour apart.
    expect(series).toHaveLength(7);
    expect(series[0]?.start).toBe(
      new Date(Math.floor(Date.parse(window.from) / HOUR) * HOUR).toISOString(),
    );
    for (const [i, p] of series.entries())
      expect(Date.parse(p.start)).toBe(Date.parse(series[0]?.start ?? "") + i * HOUR);
    expect(series.reduce((sum, p) => sum + Number(p.runs), 0)).toBe(7);
  });

  it("puts each run in the hour of its created_at and computes each bucket alone", async () => {
    const series = (await get(ci, "?window=6h")).body.series as Point[];
    expect(pointAt(series, hourStart(4))).toMatchObject({
      runs: 1,
      successes: 1,
      durationP50Ms: 180_000,
      flakyRate: 0,
    });
    expect(pointAt(series, hourStart(3))).toEqual({
      start: hourStart(3),
      runs: 3,
      successes: 2,
      failures: 1,
      cancelled: 0,
      successRate: 2 / 3,
      durationP50Ms: 420_000,
      durationP95Ms: 582_000,
      cacheHits: 2,
      cachePartial: 1,
      cacheMisses: 1,
      cacheHitRate: 0.5,
      flakyRate: 2 / 3,
    });
    expect(pointAt(series, hourStart(2))).toEqual({
      start: hourStart(2),
      runs: 2,
      successes: 0,
      failures: 2,
      cancelled: 0,
      successRate: 0,
      durationP50Ms: null,
      durationP95Ms: null,
      cacheHits: 0,
      cachePartial: 0,
      cacheMisses: 0,
      cacheHitRate: null,
      flakyRate: 0,
    });
    expect(pointAt(series, hourStart(1))).toEqual({
      start: hourStart(1),
      runs: 0,
      successes: 0,
      failures: 0,
      cancelled: 0,
      successRate: null,
      durationP50Ms: null,
      durationP95Ms: null,
      cacheHits: 0,
      cachePartial: 0,
      cacheMisses: 0,
      cacheHitRate: null,
      flakyRate: null,
    });
    // G's success lands here, but G's group belongs to H-3; the running run is not counted.
    expect(pointAt(series, hourStart(0))).toMatchObject({
      runs: 1,
      successes: 1,
      durationP50Ms: 120_000,
      flakyRate: null,
    });
  });

  it("applies the branch scope to the series", async () => {
    const feat = (await get(ci, "?window=6h&branch=feat")).body.series as Point[];
    expect(pointAt(feat, hourStart(1))).toMatchObject({ runs: 1, durationP50Ms: 420_000 });
    expect(feat.reduce((sum, p) => sum + Number(p.runs), 0)).toBe(1);
    const all = (await get(ci, "?window=6h&branch=*")).body.series as Point[];
    expect(all.reduce((sum, p) => sum + Number(p.runs), 0)).toBe(8);
  });

  it.each([
    ["?window=48h", "hour", 49],
    ["?window=49h", "day", 3],
    ["?window=7d", "day", 8],
    ["?window=14d&bucket=hour", "hour", 14 * 24 + 1],
    ["?window=2h&bucket=day", "day", 1],
  ])("%s answers %s buckets", async (query, bucket, count) => {
    const { status, body } = await get(ci, query);
    expect(status).toBe(200);
    expect(body.bucket).toBe(bucket);
    const series = body.series as Point[];
    // 49h and 2h windows can straddle one more midnight depending on the time of day.
    expect(series.length).toBeGreaterThanOrEqual(count);
    expect(series.length).toBeLessThanOrEqual(bucket === "day" && count < 8 ? count + 1 : count);
    const aligned = bucket === "day" ? /T00:00:00\.000Z$/ : /:00:00\.000Z$/;
    for (const p of series) expect(p.start).toMatch(aligned);
  });
});

describe("GET /api/v1/pipelines/{id}: bad input", () => {
  it.each([
    ["abc", "", "id"],
    ["0", "", "id"],
    ["12345678901234567", "", "id"],
    ["1e3", "", "id"],
    [null, "?window=7w", "window"],
    [null, "?branch=a..b", "branch"],
    [null, "?bucket=week", "bucket"],
    [null, "?window=15d&bucket=hour", "bucket"],
    [null, "?bucket=day&bucket=hour", "bucket"],
    [null, "?windw=7d", "windw"],
  ])("answers id %s with %s by 400 naming %s", async (id, query, parameter) => {
    const { status, body } = await get(id ?? ci, query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ parameter });
  });

  it("answers 404 for an unknown workflow and for one of an untracked repository", async () => {
    const unknown = await get(987_654_321);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ message: expect.stringContaining("987654321") });
    expect((await get(untracked)).status).toBe(404);
  });
});
