// The pipeline page's first data, read on the server: the detail and the flags the API would
// answer for the URL's scope, a 404 for what is not a tracked pipeline, and the API's own message
// for a scope it refuses.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { seedFlag, seedRepo, seedRun, seedWorkflow } from "@/lib/metrics/testing";
import { getPipelinePageData, readScopeParams } from "./pipeline-page.ts";

const database = setUpTestDatabase();
const ids = { ci: 0, other: 0, untracked: 0 };

beforeAll(async () => {
  const { db } = database;
  const repo = await seedRepo(db);
  ids.ci = await seedWorkflow(db, repo, "CI");
  ids.other = await seedWorkflow(db, repo, "Other", ".github/workflows/other.yml");
  const gone = await seedRepo(db, { tracked: false });
  ids.untracked = await seedWorkflow(db, gone, "Gone");
  // Runs relative to the real now: the page's window ends now.
  const minutesAgo = (m: number) =>
    Math.round((Date.now() - Date.parse("2026-11-26T12:00:00Z")) / 60_000) - m;
  await seedRun(db, repo, ids.ci, { created: minutesAgo(120), conclusion: "success", minutes: 4 });
  await seedRun(db, repo, ids.ci, {
    created: minutesAgo(60),
    conclusion: "failure",
    branch: "feat",
  });
  await seedFlag(db, repo, { kind: "slow", severity: "warning", workflowId: ids.ci });
  await seedFlag(db, repo, { kind: "deploy_stalled", severity: "critical", workflowId: ids.other });
  vi.stubEnv("DATABASE_URL", database.url);
});
afterAll(async () => {
  await getDb().$disconnect();
  vi.unstubAllEnvs();
});

describe("the pipeline page's first data", () => {
  it("reads the scope from the URL: 30 days on the default branch unless it says otherwise", () => {
    expect(readScopeParams({})).toEqual({ window: "30d", branch: "" });
    expect(readScopeParams({ window: ["7d", "24h"], branch: "*" })).toEqual({
      window: "7d",
      branch: "*",
    });
  });

  it("holds the pipeline's detail over the scope and its flags only", async () => {
    const data = await getPipelinePageData(String(ids.ci), { window: "24h" });
    if (data.kind !== "ok") throw new Error(`expected the pipeline, got ${data.kind}`);
    expect(data.params).toEqual({ window: "24h", branch: "" });
    expect(data.detail?.bucket).toBe("hour");
    expect(data.detail?.pipeline).toMatchObject({ name: "CI", runs: 1, successes: 1 });
    expect(data.detail?.runs).toHaveLength(1);
    expect(data.flags?.flags.map((f) => f.kind)).toEqual(["slow"]);
    const all = await getPipelinePageData(String(ids.ci), { window: "24h", branch: "*" });
    expect(all.kind === "ok" && all.detail?.runs.length).toBe(2);
  });

  it.each([
    ["an unknown workflow", "987654321"],
    ["a workflow of an untracked repository", "untracked"],
    ["an id that is no number", "abc"],
    ["an id too large", "12345678901234567"],
  ])("is not found for %s", async (_, id) => {
    const value = id === "untracked" ? String(ids.untracked) : id;
    expect(await getPipelinePageData(value, {})).toEqual({ kind: "not-found" });
  });

  it("gives the API's message for a scope it refuses", async () => {
    expect(await getPipelinePageData(String(ids.ci), { window: "7w" })).toMatchObject({
      kind: "bad-scope",
      parameter: "window",
      message: expect.stringContaining('got "7w"'),
    });
    expect(await getPipelinePageData(String(ids.ci), { branch: "a..b" })).toMatchObject({
      kind: "bad-scope",
      parameter: "branch",
    });
  });
});
