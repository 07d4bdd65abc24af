// GET /api/v1/tests/flaky against a real database: which tests are flaky (same SHA failed and
// passed within a pipeline, or passed after a retry), their counts and order, the bound, the
// agreement with the pipelines' flakyTests, and bad input answered 400 naming the parameter.
import { describe, expect, it } from "vitest";
import { setUpRoutes } from "@/lib/api/route-testing";
import type { Db } from "@/lib/db/client";
import { FLAKY_TESTS_LIMIT, type FlakyTest } from "@/lib/metrics/flaky-tests";
import { seedRepo, seedRun, seedTestResult, seedWorkflow } from "@/lib/metrics/testing";

const ids = { a: 0, b: 0, big: 0, untracked: 0, ci: 0, e2e: 0 };
const name = (id: number) => `acme/r${id}`;

// Runs relative to the real now (the route's window ends now): seedRun counts from T0.
const minutesAgo = (m: number) =>
  Math.round((Date.now() - Date.parse("2026-11-26T12:00:00Z")) / 60_000) - m;
const DAY = 24 * 60;

type Outcome = "passed" | "failed" | "error" | "skipped" | "flaky";
async function run(
  repo: number,
  wf: number,
  spec: { ago: number; sha: string; branch?: string },
  tests: [string, Outcome][],
) {
  const id = await seedRun(routes.db, repo, wf, {
    created: minutesAgo(spec.ago),
    conclusion: tests.some(([, o]) => o === "failed" || o === "error") ? "failure" : "success",
    sha: spec.sha,
    branch: spec.branch ?? "main",
  });
  for (const [test, outcome] of tests) await seedTestResult(routes.db, id, { name: test, outcome });
}

async function seed(db: Db) {
  ids.a = await seedRepo(db);
  ids.ci = await seedWorkflow(db, ids.a, "CI");
  ids.e2e = await seedWorkflow(db, ids.a, "E2E", ".github/workflows/e2e.yml");
  const { a, ci, e2e } = ids;
  // login: failed then passed on X (a feature branch) and on Y (main): 2 flaky SHAs in CI.
  await run(a, ci, { ago: 600, sha: "X", branch: "feature" }, [["login", "failed"]]);
  await run(a, ci, { ago: 590, sha: "X", branch: "feature" }, [["login", "passed"]]);
  // cart: passed after a retry (main). search: failed on Y, passed on Z: not flaky.
  await run(a, ci, { ago: 500, sha: "Y" }, [
    ["login", "error"],
    ["cart", "flaky"],
    ["search", "failed"],
  ]);
  await run(a, ci, { ago: 490, sha: "Y" }, [
    ["login", "passed"],
    ["search", "skipped"],
  ]);
  await run(a, ci, { ago: 480, sha: "Z" }, [["search", "passed"]]);
  // In E2E, login only passed (E2E is not among its pipelines); checkout failed and passed on Q.
  await run(a, e2e, { ago: 400, sha: "Y" }, [["login", "passed"]]);
  await run(a, e2e, { ago: 300, sha: "Q", branch: "feature" }, [
    ["checkout", "failed"],
    ["checkout", "passed"],
  ]);
  // Outside a 30-day window: old failed and passed on one SHA.
  await run(a, ci, { ago: 40 * DAY, sha: "OLD" }, [
    ["old", "failed"],
    ["old", "passed"],
  ]);
  // The same test name in another repository is another test.
  ids.b = await seedRepo(db);
  const bci = await seedWorkflow(db, ids.b, "CI");
  await run(ids.b, bci, { ago: 200, sha: "X" }, [
    ["login", "failed"],
    ["login", "passed"],
  ]);
  // A repository no longer tracked is not listed.
  ids.untracked = await seedRepo(db, { tracked: false });
  const uci = await seedWorkflow(db, ids.untracked, "CI");
  await run(ids.untracked, uci, { ago: 100, sha: "U" }, [["gone", "flaky"]]);
  // More flaky tests than the bound.
  ids.big = await seedRepo(db);
  const many = await seedWorkflow(db, ids.big, "Many");
  const bigRun = await seedRun(db, ids.big, many, {
    created: minutesAgo(50),
    conclusion: "success",
  });
  for (let i = 0; i <= FLAKY_TESTS_LIMIT; i++)
    await seedTestResult(db, bigRun, { name: `t${i}`, outcome: "flaky" });
}

const routes = setUpRoutes({ seed });
const flakyRoute = routes.route(
  "/api/v1/tests/flaky",
  () => import("@/app/api/v1/tests/flaky/route"),
);
const pipelinesRoute = routes.route(
  "/api/v1/pipelines",
  () => import("@/app/api/v1/pipelines/route"),
);

const flaky = async (query: string) => {
  const { status, body } = await flakyRoute.get(query);
  expect(status).toBe(200);
  return body as { total: number; branch: string | null; tests: FlakyTest[] };
};

describe("GET /api/v1/tests/flaky", () => {
  it("lists the flaky tests of every branch, flakiest first, with their counts", async () => {
    const body = await flaky(`?repo=${name(ids.a)}`);
    expect(body.branch).toBe("*");
    expect(body.total).toBe(3);
    const [login, ...rest] = body.tests;
    expect(login).toEqual({
      suite: "S",
      name: "login",
      repo: name(ids.a),
      pipelines: [{ workflowId: ids.ci, name: "CI" }],
      flakyShas: 2,
      retriedPasses: 0,
      failures: 2,
      passes: 3,
      lastSeenAt: expect.any(String),
      lastFlakyAt: expect.any(String),
    });
    // lastSeenAt is E2E's later pass; lastFlakyAt the latest run on a flaky SHA in CI (Y).
    expect(Date.parse(login?.lastSeenAt ?? "") - Date.parse(login?.lastFlakyAt ?? "")).toBe(
      90 * 60_000,
    );
    // Tied at one flaky occurrence: the most recently flaky first.
    expect(rest.map((t) => [t.name, t.pipelines.map((p) => p.name), t.flakyShas])).toEqual([
      ["checkout", ["E2E"], 1],
      ["cart", ["CI"], 0],
    ]);
    expect(rest[1]).toMatchObject({ retriedPasses: 1, failures: 0, passes: 1 });
  });

  it("narrows to a branch, to each default branch (branch=), and widens with the window", async () => {
    const main = await flaky(`?repo=${name(ids.a)}&branch=main`);
    expect(main.tests.map((t) => [t.name, t.flakyShas])).toEqual([
      ["login", 1],
      ["cart", 0],
    ]);
    const defaults = await flaky(`?repo=${name(ids.a)}&branch=`);
    expect(defaults.branch).toBeNull();
    expect(defaults.tests.map((t) => t.name)).toEqual(["login", "cart"]);
    const wide = await flaky(`?repo=${name(ids.a)}&window=60d`);
    expect(wide.tests.map((t) => t.name)).toContain("old");
  });

  it("covers every tracked repository, and lists at most the bound", async () => {
    const body = await flaky("");
    expect(body.total).toBe(3 + 1 + FLAKY_TESTS_LIMIT + 1);
    expect(body.tests).toHaveLength(FLAKY_TESTS_LIMIT);
    expect(body.tests.some((t) => t.repo === name(ids.untracked))).toBe(false);
    const other = await flaky(`?repo=${name(ids.b)}`);
    expect(other.tests.map((t) => [t.repo, t.name, t.flakyShas])).toEqual([
      [name(ids.b), "login", 1],
    ]);
  });

  it.each([
    ["", "*"],
    ["&branch=main", "main"],
    ["&branch=feature", "feature"],
  ])("agrees with each pipeline's flakyTests (%s)", async (extra, branch) => {
    const list = await flaky(`?repo=${name(ids.a)}${extra}`);
    const { body } = await pipelinesRoute.get(
      `?repo=${name(ids.a)}&branch=${encodeURIComponent(branch)}`,
    );
    const pipelines = body.pipelines as { workflowId: number; flaky: { flakyTests: number } }[];
    const counts = pipelines.map((p) => [
      p.workflowId,
      p.flaky.flakyTests,
      list.tests.filter((t) => t.pipelines.some((q) => q.workflowId === p.workflowId)).length,
    ]);
    for (const [, expected, listed] of counts) expect(listed).toBe(expected);
    // Not vacuous: the pipelines do have flaky tests in these scopes.
    expect(counts.reduce((sum, [, n]) => sum + (n ?? 0), 0)).toBeGreaterThan(0);
  });

  it.each([
    ["?window=7w", "window"],
    ["?branch=a..b", "branch"],
    ["?repo=nonsense", "repo"],
    ["?limit=5", "limit"],
    ["?window=7d&window=8d", "window"],
  ])("answers %s with 400 naming %s", async (query, parameter) => {
    const { status, body } = await flakyRoute.get(query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ parameter });
  });

  it("answers 404 for a repository it does not track", async () => {
    expect((await flakyRoute.get("?repo=acme/unknown")).status).toBe(404);
    expect((await flakyRoute.get(`?repo=${name(ids.untracked)}`)).status).toBe(404);
  });
});
