// GET /api/v1/pipelines/sparklines against a real database: one point per bucket for every
// pipeline, and bad input answered 400 naming the parameter (never 500), an unknown repository 404.
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
  // Runs relative to the real now (the route's window ends now).
  const minutesAgo = (m: number) =>
    Math.round((Date.now() - Date.parse("2026-11-26T12:00:00Z")) / 60_000) - m;
  await seedRun(db, repo, wf, { created: minutesAgo(300), conclusion: "success", minutes: 4 });
  await seedRun(db, repo, wf, { created: minutesAgo(200), conclusion: "failure", minutes: 2 });
}

const { get } = setUpRoute(
  "/api/v1/pipelines/sparklines",
  () => import("@/app/api/v1/pipelines/sparklines/route"),
  { seed },
);

type Point = { start: string; durationP50Ms: number | null; runs: number; failures: number };

describe("GET /api/v1/pipelines/sparklines", () => {
  it("gives every pipeline a point per day of the window by default", async () => {
    const { status, body } = await get();
    expect(status).toBe(200);
    expect(body.bucket).toBe("day");
    const pipelines = body.pipelines as { id: string; points: Point[] }[];
    expect(pipelines).toHaveLength(2);
    for (const p of pipelines) expect([31, 32]).toContain(p.points.length);
    const points = pipelines[0]?.points ?? [];
    expect(points.reduce((sum, x) => sum + x.runs, 0)).toBe(2);
    expect(points.reduce((sum, x) => sum + x.failures, 0)).toBe(1);
    expect(points.some((x) => x.durationP50Ms === 240_000)).toBe(true);
  });

  it("gives hours for a 24h window, and filters by repository", async () => {
    const { body } = await get(`?window=24h&repo=${repoName}`);
    expect(body.bucket).toBe("hour");
    const pipelines = body.pipelines as { points: Point[] }[];
    expect(pipelines[0]?.points).toHaveLength(25);
  });

  it.each([
    ["?window=7w", "window"],
    ["?branch=a..b", "branch"],
    ["?repo=nonsense", "repo"],
    ["?bucket=day", "bucket"],
  ])("answers %s with 400 naming %s", async (query, parameter) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ parameter });
  });

  it("answers 404 for a repository it does not track", async () => {
    expect((await get("?repo=acme/unknown")).status).toBe(404);
  });
});
