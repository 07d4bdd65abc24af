// GET /api/v1/flags against a real database: open flags first (critical, then warning, the
// most recent first), resolved ones only with state=all and only recent, the filters, the
// shape of a flag, and bad input answered 400 naming the parameter (never 500).
import { describe, expect, it } from "vitest";
import { setUpRoute } from "@/lib/api/route-testing";
import type { Db } from "@/lib/db/client";
import type { ListedFlag } from "@/lib/metrics/flag-list";
import { seedFlag, seedRepo, seedWorkflow } from "@/lib/metrics/testing";

const ids = { a: 0, b: 0, untracked: 0, deploy: 0, ci: 0, gone: 0 };
const name = (id: number) => `acme/r${id}`;
// The route's "recently resolved" bound counts from the real now.
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
const skippedSince = daysAgo(5);

async function seed(db: Db) {
  ids.a = await seedRepo(db);
  ids.b = await seedRepo(db);
  ids.untracked = await seedRepo(db, { tracked: false });
  ids.deploy = await seedWorkflow(db, ids.a, "Deploy", ".github/workflows/deploy.yml");
  ids.ci = await seedWorkflow(db, ids.a, "CI");
  ids.gone = await seedWorkflow(db, ids.untracked, "Gone");
  const { a, b, deploy, ci } = ids;
  await seedFlag(db, a, { kind: "slow", severity: "warning", workflowId: ci, since: daysAgo(1) });
  await seedFlag(db, a, {
    kind: "deploy_skipped",
    severity: "critical",
    workflowId: deploy,
    since: skippedSince,
    message: "Deploy skipped for 4 runs",
  });
  await seedFlag(db, a, { kind: "stale_data", severity: "critical", since: daysAgo(2) });
  await seedFlag(db, b, { kind: "slow", severity: "warning", workflowId: null, since: daysAgo(3) });
  await seedFlag(db, a, {
    kind: "workflow_disabled",
    severity: "warning",
    workflowId: ci,
    since: daysAgo(20),
    resolvedAt: daysAgo(10),
  });
  await seedFlag(db, a, {
    kind: "slow",
    severity: "critical",
    workflowId: deploy,
    since: daysAgo(200),
    resolvedAt: daysAgo(100),
  });
  await seedFlag(db, ids.untracked, { kind: "stale_data", severity: "critical" });
}

const { get } = setUpRoute("/api/v1/flags", () => import("@/app/api/v1/flags/route"), { seed });

const flags = async (query: string) => {
  const { status, body } = await get(query);
  expect(status).toBe(200);
  return body.flags as ListedFlag[];
};
const summary = (list: ListedFlag[]) =>
  list.map((f) => `${f.severity} ${f.repo} ${f.kind}${f.resolvedAt ? " resolved" : ""}`);

describe("GET /api/v1/flags", () => {
  it("lists the open flags of tracked repositories, critical first, then the most recent", async () => {
    const { a, b } = ids;
    expect(summary(await flags(""))).toEqual([
      `critical ${name(a)} stale_data`,
      `critical ${name(a)} deploy_skipped`,
      `warning ${name(a)} slow`,
      `warning ${name(b)} slow`,
    ]);
    expect(summary(await flags("?state=open"))).toHaveLength(4);
  });

  it("gives each flag's repository, pipeline and times", async () => {
    const [stale, skipped] = await flags(`?repo=${name(ids.a)}`);
    expect(skipped).toEqual({
      id: expect.stringMatching(/^\d+$/),
      kind: "deploy_skipped",
      severity: "critical",
      repo: name(ids.a),
      workflowId: ids.deploy,
      pipeline: "Deploy",
      since: skippedSince.toISOString(),
      openedAt: expect.any(String),
      resolvedAt: null,
      message: "Deploy skipped for 4 runs",
      detail: { seeded: true },
    });
    expect(stale).toMatchObject({ kind: "stale_data", workflowId: null, pipeline: null });
  });

  it("adds the flags resolved in the last 90 days with state=all, after the open ones", async () => {
    const all = summary(await flags("?state=all"));
    expect(all).toHaveLength(5);
    expect(all.at(-1)).toBe(`warning ${name(ids.a)} workflow_disabled resolved`);
  });

  it("filters by repository and kind", async () => {
    expect(summary(await flags(`?repo=${name(ids.b)}`))).toEqual([`warning ${name(ids.b)} slow`]);
    expect(summary(await flags("?kind=slow&state=all"))).toEqual([
      `warning ${name(ids.a)} slow`,
      `warning ${name(ids.b)} slow`,
    ]);
    expect(await flags("?kind=flaky")).toEqual([]);
  });

  it("keeps a pipeline's own flags and its repository's with pipeline, open or all", async () => {
    const { a, b, ci, deploy } = ids;
    expect(summary(await flags(`?pipeline=${ci}`))).toEqual([
      `critical ${name(a)} stale_data`,
      `warning ${name(a)} slow`,
    ]);
    expect(summary(await flags(`?pipeline=${ci}&state=all`))).toEqual([
      `critical ${name(a)} stale_data`,
      `warning ${name(a)} slow`,
      `warning ${name(a)} workflow_disabled resolved`,
    ]);
    expect(summary(await flags(`?pipeline=${deploy}&kind=deploy_skipped`))).toEqual([
      `critical ${name(a)} deploy_skipped`,
    ]);
    expect(await flags(`?pipeline=${ci}&repo=${name(b)}`)).toEqual([]);
  });

  it.each([
    ["?pipeline=abc", "pipeline"],
    ["?pipeline=0", "pipeline"],
    ["?state=closed", "state"],
    ["?kind=slowness", "kind"],
    ["?repo=nonsense", "repo"],
    ["?severity=critical", "severity"],
    ["?state=open&state=all", "state"],
  ])("answers %s with 400 naming %s", async (query, parameter) => {
    const { status, body } = await get(query);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ parameter });
  });

  it("answers 404 for a repository it does not track", async () => {
    expect((await get("?repo=acme/unknown")).status).toBe(404);
    expect((await get(`?repo=${name(ids.untracked)}`)).status).toBe(404);
  });

  it("answers 404 for a pipeline it does not track", async () => {
    const unknown = await get("?pipeline=987654321");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ message: expect.stringContaining("987654321") });
    expect((await get(`?pipeline=${ids.gone}`)).status).toBe(404);
  });
});
