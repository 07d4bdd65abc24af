// Deploy pipelines and their last successful deploy (docs/metrics.md) on hand-made workflows.
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { linkDeploymentsOfRuns, refreshLastSuccess } from "@/lib/sync/deployments";
import { queryDeploys } from "./deploys.ts";
import { at, seedRepo, seedRun, seedWorkflow } from "./testing.ts";

const database = setUpTestDatabase();
let repo: number;

beforeAll(async () => {
  repo = await seedRepo(database.db);
});

/** A deployment created at its first status, pointing at run `runId`. */
async function seedDeployment(
  id: bigint,
  sha: string,
  runId: bigint,
  statuses: { id: bigint; state: string; at: number }[],
) {
  const first = statuses[0]?.at ?? 0;
  await database.db.deployment.create({
    data: {
      id,
      repoId: BigInt(repo),
      sha,
      ref: "main",
      task: "deploy",
      environment: "production",
      createdAt: at(first),
      updatedAt: at(statuses.at(-1)?.at ?? first),
      runId,
      statuses: {
        create: statuses.map((s) => ({
          id: s.id,
          state: s.state,
          createdAt: at(s.at),
          updatedAt: at(s.at),
        })),
      },
    },
  });
}

const job = (name: string, conclusion: string, done: number) => ({
  queue: 1,
  conclusion,
  name,
  done,
});

describe("deploys", () => {
  it("find deploy pipelines by name, job, configuration or deployments, and their last deploy", async () => {
    const { db } = database;
    const ci = await seedWorkflow(db, repo, "CI");
    await seedRun(db, repo, ci, {
      created: -100,
      conclusion: "success",
      jobs: [job("test", "success", 5)],
    });

    // Matched by name: the deploy job is the last job of a run to finish.
    const byName = await seedWorkflow(db, repo, "Deploy web", ".github/workflows/web.yml");
    await seedRun(db, repo, byName, {
      created: -300,
      conclusion: "success",
      jobs: [job("build", "success", 5), job("push", "success", 12)],
    });
    await seedRun(db, repo, byName, {
      created: -100,
      conclusion: "failure",
      jobs: [job("build", "success", 5), job("push", "failure", 9)],
    });

    // Matched by a job name: that job, not the last one.
    const byJob = await seedWorkflow(db, repo, "Pipeline", ".github/workflows/cd.yml");
    await seedRun(db, repo, byJob, {
      created: -200,
      conclusion: "success",
      jobs: [job("deploy-prod", "success", 8), job("notify", "success", 20)],
    });
    await seedRun(db, repo, byJob, {
      created: -50,
      conclusion: "success",
      jobs: [job("deploy-prod", "skipped", 0), job("notify", "success", 20)],
    });

    // Configured: its own deploy job; and a name match switched off by configuration.
    const configured = await seedWorkflow(db, repo, "Infra", ".github/workflows/infra.yml");
    await db.workflow.update({
      where: { id: BigInt(configured) },
      data: { isDeploy: true, deployJobName: "apply" },
    });
    await seedRun(db, repo, configured, {
      created: -400,
      conclusion: "success",
      jobs: [job("plan", "success", 3), job("apply", "success", 7)],
    });
    const notes = await seedWorkflow(db, repo, "Release notes", ".github/workflows/notes.yml");
    await db.workflow.update({ where: { id: BigInt(notes) }, data: { isDeploy: false } });

    // Creates deployments: the deployment status counts.
    const viaDeployments = await seedWorkflow(db, repo, "Main", ".github/workflows/main.yml");
    const run = await seedRun(db, repo, viaDeployments, {
      created: -30,
      conclusion: "success",
      sha: "abc",
      jobs: [job("build", "success", 4)],
    });
    await seedDeployment(77n, "abc", BigInt(run), [
      { id: 770n, state: "in_progress", at: -28 },
      { id: 771n, state: "success", at: -25 },
    ]);
    // A deployment pointing at a run that is not stored counts for no pipeline.
    await seedDeployment(78n, "def", 999_999n, [{ id: 780n, state: "success", at: -4 }]);
    // What the sync keeps on each deployment as it stores it.
    await refreshLastSuccess(db, [77, 78]);
    await linkDeploymentsOfRuns(db, [run, 999_999]);

    const deploys = await queryDeploys(db, [repo]);
    expect(deploys.get(ci)).toEqual({ isDeploy: false, lastDeployAt: null });
    expect(deploys.get(byName)).toEqual({
      isDeploy: true,
      lastDeployAt: at(-300 + 12).toISOString(),
    });
    expect(deploys.get(byJob)).toEqual({
      isDeploy: true,
      lastDeployAt: at(-200 + 8).toISOString(),
    });
    expect(deploys.get(configured)).toEqual({
      isDeploy: true,
      lastDeployAt: at(-400 + 7).toISOString(),
    });
    expect(deploys.get(notes)).toEqual({ isDeploy: false, lastDeployAt: null });
    expect(deploys.get(viaDeployments)).toEqual({
      isDeploy: true,
      lastDeployAt: at(-25).toISOString(),
    });
  });
});
