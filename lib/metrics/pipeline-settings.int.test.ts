// Per-pipeline settings: found by id, name or file name; changed for exactly one pipeline; and
// followed by the metrics and the flags (a lower threshold makes a pipeline slow).
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { slow } from "./flags/rules-basic.ts";
import {
  listPipelineSettings,
  PipelineSelectionError,
  updatePipelineSettings,
} from "./pipeline-settings.ts";
import { getPipelinesReport } from "./pipelines.ts";
import { parseBranch, parseWindow } from "./scope.ts";
import { seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
let repo = 0;
let other = 0;
let ci = 0;

beforeAll(async () => {
  const { db } = database;
  repo = await seedRepo(db);
  other = await seedRepo(db);
  ci = await seedWorkflow(db, repo, "CI");
  await seedWorkflow(db, repo, "Deploy", ".github/workflows/deploy.yml");
  await seedWorkflow(db, other, "CI");
  for (const created of [-300, -200, -100])
    await seedRun(db, repo, ci, { created, conclusion: "success", minutes: 8 });
});

describe("pipeline settings", () => {
  it("find pipelines by workflow id, name (any case) or file name, within a repository", async () => {
    const { db } = database;
    const names = (found: { repo: string; name: string }[]) =>
      found.map((p) => `${p.repo} ${p.name}`);
    expect(names(await listPipelineSettings(db, { workflow: String(ci) }))).toEqual([
      `acme/r${repo} CI`,
    ]);
    expect(names(await listPipelineSettings(db, { workflow: "ci" }))).toEqual([
      `acme/r${repo} CI`,
      `acme/r${other} CI`,
    ]);
    expect(
      names(await listPipelineSettings(db, { repo: `acme/r${repo}`, workflow: "deploy.yml" })),
    ).toEqual([`acme/r${repo} Deploy`]);
    expect(await listPipelineSettings(db, { workflow: "nothing" })).toEqual([]);
  });

  it("change exactly one pipeline, refusing an ambiguous or unknown one", async () => {
    const { db } = database;
    await expect(
      updatePipelineSettings(db, { workflow: "CI" }, { isDeploy: true }),
    ).rejects.toThrow(/2 pipelines match "CI".*name the repository or the workflow id/);
    await expect(
      updatePipelineSettings(db, { repo: "acme/none", workflow: "CI" }, { isDeploy: true }),
    ).rejects.toThrow(PipelineSelectionError);
    const updated = await updatePipelineSettings(
      db,
      { repo: `acme/r${repo}`, workflow: "Deploy" },
      { isDeploy: false, deployJobName: "ship" },
    );
    expect(updated).toMatchObject({ name: "Deploy", isDeploy: false, deployJobName: "ship" });
    const other = await listPipelineSettings(db, { repo: `acme/r${repo}`, workflow: "CI" });
    expect(other[0]).toMatchObject({ isDeploy: null, deployJobName: null, slowThresholdMs: null });
  });

  it("move the slow threshold of the metrics and of the slow flag", async () => {
    const { db } = database;
    const scope = { window: parseWindow("30d", T0), branch: parseBranch(undefined) };
    const thresholdOf = async () =>
      (await getPipelinesReport(db, scope, { workflowId: ci })).pipelines[0]?.slowThresholdMs;
    expect(await thresholdOf()).toBe(600_000);
    expect(await slow(db, [repo])).toEqual([]);
    await updatePipelineSettings(db, { workflow: String(ci) }, { slowThresholdMs: 300_000 });
    expect(await thresholdOf()).toBe(300_000);
    const [flag] = await slow(db, [repo]);
    expect(flag?.message).toMatch(/takes 8m 00s .* over the 5m 00s threshold/);
    await updatePipelineSettings(db, { workflow: String(ci) }, { slowThresholdMs: null });
    expect(await thresholdOf()).toBe(600_000);
  });
});
