// deploy_skipped on hand-made runs: skipped deploys count only when everything else passed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { at, seedRepo, seedRun, seedWorkflow } from "../testing.ts";
import { deploySkipped } from "./rules-deploy.ts";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url, { max: 2 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

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
