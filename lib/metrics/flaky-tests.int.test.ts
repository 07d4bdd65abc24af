// Edge cases of the flaky-test definition (docs/metrics.md) that the route's test does not pin:
// the failure and the pass must share the pipeline, the SHA and the scope (branch and window),
// and the flaky SHA's latest run counts even where the test was skipped. Checked on the list
// and on each pipeline's flakyTests, which share the SQL (flaky-results.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { listFlakyTests } from "./flaky-tests.ts";
import { queryFlakyStats } from "./quality-stats.ts";
import { parseBranch, parseWindow } from "./scope.ts";
import { at, seedRepo, seedRun, seedTestResult, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
const ids = { repo: 0, ci: 0, e2e: 0 };
const DAY = 24 * 60;

type Outcome = "passed" | "failed" | "error" | "skipped" | "flaky";
async function run(
  wf: number,
  created: number,
  sha: string,
  tests: [string, Outcome][],
  branch = "main",
) {
  const { db } = database;
  const failed = tests.some(([, o]) => o === "failed" || o === "error");
  const id = await seedRun(db, ids.repo, wf, {
    created,
    conclusion: failed ? "failure" : "success",
    sha,
    branch,
  });
  for (const [name, outcome] of tests) await seedTestResult(db, id, { name, outcome });
}

beforeAll(async () => {
  const { db } = database;
  ids.repo = await seedRepo(db);
  ids.ci = await seedWorkflow(db, ids.repo, "CI");
  ids.e2e = await seedWorkflow(db, ids.repo, "E2E", ".github/workflows/e2e.yml");
  const { ci, e2e } = ids;
  // cross: failed in CI and passed in E2E on one SHA: flaky in neither pipeline.
  await run(ci, -900, "P", [["cross", "failed"]]);
  await run(e2e, -890, "P", [["cross", "passed"]]);
  // branch: failed on a feature branch and passed on main, on one SHA: flaky on all branches only.
  await run(ci, -800, "B", [["branch", "failed"]], "feature");
  await run(ci, -790, "B", [["branch", "passed"]]);
  // window: failed in the window, passed on the same SHA 40 days ago: flaky over 60 days only.
  await run(ci, -60, "W", [["window", "failed"]]);
  await run(ci, -40 * DAY, "W", [["window", "passed"]]);
  // skipped: failed then passed on S, then skipped on S (latest run there), then passed on T.
  await run(ci, -300, "S", [["skipped", "failed"]]);
  await run(ci, -290, "S", [["skipped", "passed"]]);
  await run(ci, -100, "S", [["skipped", "skipped"]]);
  await run(ci, -50, "T", [["skipped", "passed"]]);
  // retried: an error, then a pass after a retry in the job, on one SHA: both kinds of evidence.
  await run(ci, -200, "E", [["retried", "error"]]);
  await run(ci, -190, "E", [["retried", "flaky"]]);
  // failed only: failed twice and skipped on one SHA: not flaky.
  await run(ci, -400, "F", [["failing", "failed"]]);
  await run(ci, -390, "F", [
    ["failing", "failed"],
    ["failing", "skipped"],
  ]);
});

const scope = (window: string, branch?: string) => ({
  window: parseWindow(window, T0),
  branch: parseBranch(branch),
});

async function flakyNames(window: string, branch?: string) {
  const report = await listFlakyTests(database.db, scope(window, branch));
  const stats = await queryFlakyStats(database.db, scope(window, branch), [ids.repo]);
  // The list and the pipelines' counts agree in every scope these tests use.
  for (const wf of [ids.ci, ids.e2e]) {
    const listed = report.tests.filter((t) => t.pipelines.some((p) => p.workflowId === wf));
    expect(stats.get(wf)?.flakyTests ?? 0).toBe(listed.length);
  }
  return report.tests.map((t) => t.name).sort();
}

describe("the flaky-test definition", () => {
  it("needs the failure and the pass in one pipeline, on one SHA, both in scope", async () => {
    expect(await flakyNames("30d", "*")).toEqual(["branch", "retried", "skipped"]);
    expect(await flakyNames("30d", "main")).toEqual(["retried", "skipped"]);
    expect(await flakyNames("30d", "feature")).toEqual([]);
    expect(await flakyNames("30d")).toEqual(["retried", "skipped"]);
    expect(await flakyNames("60d", "*")).toEqual(["branch", "retried", "skipped", "window"]);
  });

  it("dates the flaky SHA by its latest run in scope, even where the test was skipped", async () => {
    const report = await listFlakyTests(database.db, scope("30d", "*"));
    const skipped = report.tests.find((t) => t.name === "skipped");
    expect(skipped).toMatchObject({
      pipelines: [{ workflowId: ids.ci, name: "CI" }],
      flakyShas: 1,
      retriedPasses: 0,
      failures: 1,
      passes: 2,
      lastSeenAt: at(-50).toISOString(),
      lastFlakyAt: at(-100).toISOString(),
    });
  });

  it("counts an error then a retried pass on one SHA as a flaky SHA and a retried pass", async () => {
    const report = await listFlakyTests(database.db, scope("30d", "*"));
    expect(report.tests.find((t) => t.name === "retried")).toMatchObject({
      flakyShas: 1,
      retriedPasses: 1,
      failures: 1,
      passes: 1,
      lastFlakyAt: at(-190).toISOString(),
    });
  });
});
