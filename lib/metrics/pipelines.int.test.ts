// One pipeline read alone (its page) is exactly its row of the whole report: every query
// narrowed to one workflow still sees all of that workflow's runs, jobs, deploys and streaks.
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { getPipelinesReport } from "./pipelines.ts";
import { parseBranch, parseWindow } from "./scope.ts";
import { seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
const workflows: number[] = [];

beforeAll(async () => {
  const { db } = database;
  for (let r = 0; r < 2; r++) {
    const repo = await seedRepo(db);
    const ci = await seedWorkflow(db, repo, "CI");
    const deploy = await seedWorkflow(db, repo, "Deploy", ".github/workflows/deploy.yml");
    workflows.push(ci, deploy);
    for (let i = 0; i < 6; i++) {
      await seedRun(db, repo, ci, {
        created: -600 + i * 60,
        conclusion: i === 2 ? "failure" : "success",
        earlier: i === 4 ? ["failure"] : [],
        sha: `c${i % 4}`,
        minutes: 4 + i,
        jobs: [{ queue: i % 3, conclusion: "success" }],
      });
      await seedRun(db, repo, deploy, {
        created: -590 + i * 60,
        conclusion: i === 5 ? "failure" : "success",
        minutes: 2,
        jobs: [
          { queue: 1, conclusion: "success", name: "build", done: 3 },
          { queue: 1, conclusion: i === 5 ? "failure" : "success", name: "deploy", done: 5 },
        ],
      });
    }
  }
});

describe("getPipelinesReport for one workflow", () => {
  it("answers each pipeline exactly as the whole report does", async () => {
    const scope = { window: parseWindow("1d", T0), branch: parseBranch(undefined) };
    const all = await getPipelinesReport(database.db, scope);
    expect(all.pipelines.map((p) => p.workflowId).sort()).toEqual([...workflows].sort());
    expect(all.pipelines.some((p) => p.isDeploy && p.lastDeployAt)).toBe(true);
    expect(all.pipelines.some((p) => p.flaky.flakyRuns > 0)).toBe(true);
    for (const id of workflows) {
      const one = await getPipelinesReport(database.db, scope, { workflowId: id });
      expect(one.pipelines).toEqual(all.pipelines.filter((p) => p.workflowId === id));
    }
  });
});
