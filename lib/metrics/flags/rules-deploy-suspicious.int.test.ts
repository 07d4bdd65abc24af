// deploy_suspicious on hand-made deploys: the latest successful deploy's job, or a step of it
// that ships, against its median over the 30 days before (at least 5 earlier deploys).
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { at, seedRepo, seedRun, seedWorkflow } from "../testing.ts";
import { deploySuspicious } from "./rules-deploy-suspicious.ts";

const database = setUpTestDatabase();

type Deploy = { created: number; pushSeconds: number; jobMinutes?: number; branch?: string };

/** A "Publish image" workflow whose "publish" job has a build step and a "Push image" step. */
async function publishWorkflow(repo: number, deploys: Deploy[]) {
  const { db } = database;
  const wf = await seedWorkflow(db, repo, "Publish image", ".github/workflows/publish.yml");
  for (const d of deploys) {
    const run = await seedRun(db, repo, wf, {
      created: d.created,
      conclusion: "success",
      branch: d.branch,
      // The job starts 2 minutes after the run's creation (1 + queue 1).
      jobs: [{ queue: 1, conclusion: "success", name: "publish", done: 2 + (d.jobMinutes ?? 8) }],
    });
    const jobId = BigInt(run * 100);
    const stepStart = at(d.created + 3).getTime();
    await db.step.createMany({
      data: [
        {
          jobId,
          number: 1,
          name: "Build image",
          status: "completed",
          conclusion: "success",
          startedAt: at(d.created + 2),
          completedAt: at(d.created + 3),
        },
        {
          jobId,
          number: 2,
          name: "Push image",
          status: "completed",
          conclusion: "success",
          startedAt: new Date(stepStart),
          completedAt: new Date(stepStart + d.pushSeconds * 1000),
        },
      ],
    });
  }
  return wf;
}

const usual = (n: number) =>
  Array.from({ length: n }, (_, k) => ({ created: -6000 + k * 600, pushSeconds: 90 + k }));

describe("deploy_suspicious", () => {
  it("is raised when the latest deploy's push step took under 20% of its median", async () => {
    const repo = await seedRepo(database.db);
    const wf = await publishWorkflow(repo, [...usual(6), { created: -100, pushSeconds: 2 }]);
    const [flag, ...rest] = await deploySuspicious(database.db, [repo]);
    expect(rest).toHaveLength(0);
    expect(flag).toMatchObject({
      kind: "deploy_suspicious",
      severity: "warning",
      workflowId: wf,
      since: at(-100 + 10),
      detail: { job: "publish", step: "Push image", ms: 2000, medianMs: 92500, earlierDeploys: 6 },
    });
    expect(flag?.message).toBe(
      'Suspiciously fast deploy: step "Push image" of job "publish" in "Publish image" took 2s, 2% of its usual 1m 33s over 6 earlier deploys; check that it shipped anything',
    );
  });

  it("is raised for a deploy job that took under 20% of its median", async () => {
    const repo = await seedRepo(database.db);
    await publishWorkflow(repo, [...usual(5), { created: -100, pushSeconds: 60, jobMinutes: 1 }]);
    const [flag] = await deploySuspicious(database.db, [repo]);
    expect(flag?.detail).toMatchObject({
      job: "publish",
      step: null,
      ms: 60_000,
      medianMs: 480_000,
    });
  });

  it("is not raised with fewer than 5 earlier deploys, for a normal latest deploy, or off the default branch", async () => {
    const { db } = database;
    const few = await seedRepo(db);
    await publishWorkflow(few, [...usual(4), { created: -100, pushSeconds: 2 }]);
    const normal = await seedRepo(db);
    await publishWorkflow(normal, [
      { created: -7000, pushSeconds: 2 },
      ...usual(6),
      { created: -100, pushSeconds: 80 },
    ]);
    const branch = await seedRepo(db);
    await publishWorkflow(branch, [
      ...usual(6),
      { created: -100, pushSeconds: 2, branch: "feature" },
    ]);
    expect(await deploySuspicious(db, [few, normal, branch])).toEqual([]);
  });
});
