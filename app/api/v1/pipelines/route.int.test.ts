// GET /api/v1/pipelines against a real database: the report's shape and values on hand-made
// runs, and bad input answered 400 naming the parameter (never 500).
import { describe, expect, it } from "vitest";
import { setUpRoute } from "@/lib/api/route-testing";
import type { Db } from "@/lib/db/client";
import { seedRepo, seedRun, seedWorkflow } from "@/lib/metrics/testing";

let repoName = "";

async function seed(db: Db) {
  const repo = await seedRepo(db);
  repoName = `acme/r${repo}`;
  const wf = await seedWorkflow(db, repo, "CI");
  await seedWorkflow(db, repo, "Idle", ".github/workflows/idle.yml");
  const old = await seedWorkflow(db, repo, "Weekly", ".github/workflows/weekly.yml");
  // Runs relative to the real now (the route's window ends now).
  const minutesAgo = (m: number) =>
    Math.round((Date.now() - Date.parse("2026-11-26T12:00:00Z")) / 60_000) - m;
  await seedRun(db, repo, wf, { created: minutesAgo(120), conclusion: "success", minutes: 4 });
  await seedRun(db, repo, wf, { created: minutesAgo(60), conclusion: "failure", minutes: 2 });
  // The newest run, still running, on a feature branch: the last run of `branch=*` only.
  await seedRun(db, repo, wf, { created: minutesAgo(30), conclusion: null, branch: "feature" });
  await seedRun(db, repo, old, { created: minutesAgo(3 * 24 * 60), conclusion: "success" });
}

const { get } = setUpRoute("/api/v1/pipelines", () => import("@/app/api/v1/pipelines/route"), {
  seed,
});

describe("GET /api/v1/pipelines", () => {
  it("lists every pipeline, with zeros and nulls for one without runs", async () => {
    const { status, body } = await get("?window=7d");
    expect(status).toBe(200);
    const pipelines = body.pipelines as Record<string, unknown>[];
    expect(pipelines.map((p) => p.name)).toEqual(["CI", "Idle", "Weekly"]);
    expect(pipelines[0]).toMatchObject({
      repo: repoName,
      runs: 2,
      successes: 1,
      failures: 1,
      successRate: 0.5,
      durationMs: { p50: 240_000, p95: 240_000, max: 240_000 },
      streak: { failureStreak: 1 },
      isDeploy: false,
      lastDeployAt: null,
      flags: [],
    });
    expect(pipelines[1]).toMatchObject({ runs: 0, successRate: null, cache: { hitRate: null } });
    const window = body.window as { from: string; to: string };
    expect(Date.parse(window.to) - Date.parse(window.from)).toBe(7 * 86_400_000);
  });

  it("gives each pipeline its latest run on the scope's branch, whatever the window", async () => {
    const onDefault = (await get("?window=24h")).body.pipelines as Record<string, unknown>[];
    expect(onDefault[0]?.lastRun).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(onDefault[1]?.lastRun).toBeNull();
    // Weekly has no run in the window, and its last run all the same.
    expect(onDefault[2]).toMatchObject({ runs: 0, lastRun: { conclusion: "success" } });
    const onAll = (await get("?branch=*")).body.pipelines as Record<string, unknown>[];
    const last = onAll[0]?.lastRun as Record<string, unknown>;
    expect(last).toMatchObject({ status: "in_progress", conclusion: null });
    expect(Date.now() - Date.parse(String(last.createdAt))).toBeLessThan(31 * 60_000);
    expect(String(last.htmlUrl)).toMatch(/^https:\/\/github\.com\/.+\/actions\/runs\/\d+$/);
    const named = (await get("?branch=feature")).body.pipelines as Record<string, unknown>[];
    expect(named[0]?.lastRun).toEqual(last);
  });

  it.each([
    ["?window=7w", "window"],
    ["?branch=a..b", "branch"],
    ["?repo=nonsense", "repo"],
    ["?windw=7d", "windw"],
    ["?window=7d&window=8d", "window"],
  ])("answers %s with 400 naming %s", async (query, parameter) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ parameter });
  });

  it("answers 404 for a repository it does not track", async () => {
    expect((await get("?repo=acme/unknown")).status).toBe(404);
    expect((await get(`?repo=${repoName}`)).status).toBe(200);
  });
});
