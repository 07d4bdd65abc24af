// GET /api/v1/pipelines/{id} against a real database: the latest 50 runs on the branch (not
// limited to the window), newest first by (created_at, id), each with its attempts and the jobs
// of all its attempts. The series and bad input: route.int.test.ts.
import { describe, expect, it } from "vitest";
import { setUpRoute } from "@/lib/api/route-testing";
import type { Db } from "@/lib/db/client";
import { seedRepo, seedRun, seedWorkflow, T0 } from "@/lib/metrics/testing";

type Run = Record<string, unknown>;

let repo = 0;
let history = 0;
/** Runs on main, oldest first. */
const historyIds: number[] = [];
// Minutes from T0 to now, so that the runs lie before the route's `now`.
const base = Math.floor((Date.now() - T0.getTime()) / 60_000);

async function seed(db: Db) {
  repo = await seedRepo(db);
  // 51 runs on main (pairs created in the same minute), the newest re-run twice with jobs in
  // every attempt, and a newer run on another branch.
  history = await seedWorkflow(db, repo, "History", ".github/workflows/history.yml");
  historyIds.push(
    await seedRun(db, repo, history, { created: base - 90_000, conclusion: "success" }),
  );
  for (let i = 0; i < 49; i++)
    historyIds.push(
      await seedRun(db, repo, history, {
        created: base - 5_000 + Math.floor(i / 2) * 60,
        conclusion: i % 3 === 0 ? "failure" : "success",
      }),
    );
  historyIds.push(
    await seedRun(db, repo, history, {
      created: base - 1_000,
      conclusion: "success",
      earlier: ["failure", "cancelled"],
      event: "pull_request",
      jobs: [
        { queue: 2, conclusion: "success", attempt: 3, name: "test", htmlUrl: "https://x/j/3" },
        { queue: 1, conclusion: "failure", attempt: 1, name: "test" },
        { queue: null, conclusion: "cancelled", attempt: 2, name: "test" },
        { queue: 0, conclusion: "skipped", attempt: 3, name: "deploy" },
      ],
    }),
  );
  await seedRun(db, repo, history, { created: base - 500, conclusion: "success", branch: "dev" });
  await seedRun(db, repo, history, { created: base - 400, conclusion: null, branch: "dev" });
}

const route = setUpRoute(
  "/api/v1/pipelines/[id]",
  () => import("@/app/api/v1/pipelines/[id]/route"),
  { seed },
);
const get = (id: number, query = "") => route.get(query, { id: String(id) });

function job(
  id: number,
  runAttempt: number,
  conclusion: string,
  queue: number | null,
  plus: (m: number) => string,
) {
  return {
    id: String(id),
    name: "test",
    runAttempt,
    status: "completed",
    conclusion,
    createdAt: plus(1),
    startedAt: queue === null ? null : plus(1 + queue),
    completedAt: plus(10),
    queueMs: queue === null ? null : queue * 60_000,
    durationMs: queue === null ? null : (9 - queue) * 60_000,
    htmlUrl: null,
  };
}

describe("GET /api/v1/pipelines/{id}: runs", () => {
  it("lists the latest 50 runs on the branch, newest first, whatever the window", async () => {
    const { status, body } = await get(history, "?window=1h");
    expect(status).toBe(200);
    expect(body.pipeline).toMatchObject({ runs: 0 });
    const runs = body.runs as Run[];
    // The oldest of the 51 is left out; runs created in the same minute come newest id first.
    expect(runs.map((r) => Number(r.id))).toEqual(historyIds.slice(1).reverse());
    const dev = (await get(history, "?branch=dev")).body.runs as Run[];
    expect(dev.map((r) => [r.branch, r.status, r.durationMs])).toEqual([
      ["dev", "in_progress", null],
      ["dev", "completed", 300_000],
    ]);
    const all = (await get(history, "?branch=*")).body.runs as Run[];
    expect(all).toHaveLength(50);
    expect(all.slice(0, 3).map((r) => r.branch)).toEqual(["dev", "dev", "main"]);
  });

  it("gives each run its attempts and the jobs of all its attempts", async () => {
    const runs = (await get(history)).body.runs as Run[];
    const newest = historyIds.at(-1) ?? 0;
    const created = new Date(T0.getTime() + (base - 1_000) * 60_000);
    const plus = (m: number) => new Date(created.getTime() + m * 60_000).toISOString();
    expect(runs[0]).toEqual({
      id: String(newest),
      pipelineId: String(history),
      repo: `acme/r${repo}`,
      runNumber: newest,
      event: "pull_request",
      branch: "main",
      headSha: `sha${newest}`,
      status: "completed",
      conclusion: "success",
      runAttempt: 3,
      createdAt: created.toISOString(),
      runStartedAt: plus(1),
      updatedAt: plus(6),
      durationMs: 300_000,
      htmlUrl: `https://github.com/acme/r/actions/runs/${newest}`,
      attempts: [1, 2, 3].map((attempt, i) => ({
        attempt,
        status: "completed",
        conclusion: ["failure", "cancelled", "success"][i],
        createdAt: plus(i * 30),
        runStartedAt: plus(i * 30 + 1),
        updatedAt: plus(i * 30 + 6),
      })),
      // By attempt, then job id.
      jobs: [
        job(newest * 100 + 1, 1, "failure", 1, plus),
        job(newest * 100 + 2, 2, "cancelled", null, plus),
        { ...job(newest * 100, 3, "success", 2, plus), htmlUrl: "https://x/j/3" },
        { ...job(newest * 100 + 3, 3, "skipped", 0, plus), name: "deploy", queueMs: null },
      ],
    });
    // A run with one attempt and no jobs stored.
    expect(runs[1]).toMatchObject({ runAttempt: 1, jobs: [] });
    expect(runs[1]?.attempts).toHaveLength(1);
  });
});
