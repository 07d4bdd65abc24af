// deploy_skipped and deploy_stalled on hand-made runs: skipped deploys count only when
// everything else passed; a deploy is stalled only when pushes land and it is late by its own
// rhythm.
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { at, seedRepo, seedRun, seedWorkflow, T0 } from "../testing.ts";
import { deploySkipped, deployStalled } from "./rules-deploy.ts";

const database = setUpTestDatabase();

const run = (created: number, build: string, deploy: string) => ({
  created,
  conclusion: build === "success" ? "success" : "failure",
  jobs: [
    { queue: 1, conclusion: build, name: "build" },
    { queue: 1, conclusion: deploy, name: "deploy" },
  ],
});

describe("deploy_skipped", () => {
  it("is raised after 3 consecutive skipped deploys with everything else green, from the first of them", async () => {
    const { db } = database;
    const repo = await seedRepo(db);
    const wf = await seedWorkflow(db, repo, "CD", ".github/workflows/cd.yml");
    await seedRun(db, repo, wf, run(-500, "success", "success"));
    for (const created of [-400, -300, -200, -100])
      await seedRun(db, repo, wf, run(created, "success", "skipped"));
    const [flag, ...rest] = await deploySkipped(db, [repo]);
    expect(rest).toHaveLength(0);
    expect(flag).toMatchObject({
      kind: "deploy_skipped",
      severity: "critical",
      workflowId: wf,
      since: at(-400),
    });
    expect(flag?.message).toMatch(/^Deploy skipped for 4 runs: "deploy" in "CD"/);
  });

  it("is not raised by two skipped deploys, nor by deploys skipped because the build failed", async () => {
    const { db } = database;
    const repo = await seedRepo(db);
    const two = await seedWorkflow(db, repo, "Two", ".github/workflows/two.yml");
    await seedRun(db, repo, two, run(-300, "success", "success"));
    await seedRun(db, repo, two, run(-200, "success", "skipped"));
    await seedRun(db, repo, two, run(-100, "success", "skipped"));
    const failing = await seedWorkflow(db, repo, "Failing", ".github/workflows/failing.yml");
    await seedRun(db, repo, failing, run(-300, "success", "skipped"));
    await seedRun(db, repo, failing, run(-200, "failure", "skipped"));
    await seedRun(db, repo, failing, run(-100, "success", "skipped"));
    await seedRun(db, repo, failing, run(-50, "success", "skipped"));
    const ci = await seedWorkflow(db, repo, "CI");
    for (const created of [-300, -200, -100])
      await seedRun(db, repo, ci, {
        created,
        conclusion: "success",
        jobs: [{ queue: 1, conclusion: "skipped", name: "lint" }],
      });
    expect(await deploySkipped(db, [repo])).toEqual([]);
  });
});

const DAY = 24 * 60;

/** A deploy workflow that deployed at each of `times` (minutes from T0), by its "deploy" job. */
async function deployedAt(repo: number, times: number[]) {
  const wf = await seedWorkflow(database.db, repo, "Deploy", ".github/workflows/deploy.yml");
  for (const created of times)
    await seedRun(database.db, repo, wf, {
      created,
      conclusion: "success",
      event: "workflow_dispatch",
      jobs: [{ queue: 1, conclusion: "success", name: "deploy", done: 10 }],
    });
  return wf;
}

describe("deploy_stalled", () => {
  it("is raised when the last deploy is older than max(24 h, 3 × its usual interval) while pushes land", async () => {
    const { db } = database;
    const repo = await seedRepo(db);
    // Every 2 hours until 3 days ago: late after 24 h.
    const wf = await deployedAt(
      repo,
      Array.from({ length: 10 }, (_, k) => -3 * DAY - k * 120),
    );
    const ci = await seedWorkflow(db, repo, "CI");
    await seedRun(db, repo, ci, { created: -2.5 * DAY, conclusion: "success" });
    await seedRun(db, repo, ci, { created: -1 * DAY, conclusion: "failure" });
    const [flag, ...rest] = await deployStalled(db, [repo], T0);
    expect(rest).toHaveLength(0);
    expect(flag).toMatchObject({
      kind: "deploy_stalled",
      severity: "critical",
      workflowId: wf,
      // 24 h after the last deploy (at -3 days + 10 min), the first push being earlier.
      since: at(-2 * DAY + 10),
    });
    expect(flag?.message).toBe(
      'No deploy for 2d 23h while 2 pushes landed on main: "Deploy" last deployed successfully at 2026-11-23 12:10 UTC (it usually deploys every 2h 00m)',
    );
  });

  it("is not raised without a push after the last deploy, within 3 usual intervals, or without any deploy", async () => {
    const { db } = database;
    const quiet = await seedRepo(db);
    await deployedAt(quiet, [-5 * DAY, -4 * DAY, -3 * DAY]);
    const ci = await seedWorkflow(db, quiet, "CI");
    // Pull requests and pushes to other branches are not work landing on the default branch.
    await seedRun(db, quiet, ci, { created: -DAY, conclusion: "success", event: "pull_request" });
    await seedRun(db, quiet, ci, { created: -DAY, conclusion: "success", branch: "feature" });

    const slowRhythm = await seedRepo(db);
    // Every 2 days: 3 days without a deploy is within 3 × 48 h.
    await deployedAt(slowRhythm, [-9 * DAY, -7 * DAY, -5 * DAY, -3 * DAY]);
    const ci2 = await seedWorkflow(db, slowRhythm, "CI");
    await seedRun(db, slowRhythm, ci2, { created: -DAY, conclusion: "success" });

    const never = await seedRepo(db);
    const wf = await seedWorkflow(db, never, "Deploy", ".github/workflows/deploy.yml");
    await seedRun(db, never, wf, {
      created: -5 * DAY,
      conclusion: "failure",
      jobs: [{ queue: 1, conclusion: "failure", name: "deploy" }],
    });
    await seedRun(db, never, wf, { created: -DAY, conclusion: "success" });

    expect(await deployStalled(db, [quiet, slowRhythm, never], T0)).toEqual([]);
  });
});
