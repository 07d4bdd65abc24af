import { describe, expect, it } from "vitest";
import { flag, NOW, pipeline } from "./overview-testing.ts";
import {
  compareAttention,
  filterPipelines,
  severityRank,
  sortPipelines,
} from "./sort-pipelines.ts";

const HOUR = 3_600_000;
const names = (list: { name: string }[]) => list.map((p) => p.name);

describe("the attention order", () => {
  it("puts critical flags first, then warnings, then the rest", () => {
    const healthy = pipeline({ name: "healthy" });
    const warned = pipeline({ name: "warned", flags: [flag("slow", "warning")] });
    const critical = pipeline({
      name: "critical",
      flags: [flag("slow", "warning"), flag("deploy_stalled", "critical")],
    });
    expect(severityRank(critical)).toBe(0);
    expect(names([healthy, warned, critical].sort(compareAttention))).toEqual([
      "critical",
      "warned",
      "healthy",
    ]);
  });

  it("ranks flagged pipelines by failure streak, time since success, then runs", () => {
    const warn = [flag("flaky", "warning")];
    const list = [
      pipeline({ name: "busy", flags: warn, runs: 50 }),
      pipeline({ name: "quiet", flags: warn, runs: 5 }),
      pipeline({ name: "red for a day", flags: warn, sinceMs: 24 * HOUR }),
      pipeline({ name: "never green", flags: warn, sinceMs: null }),
      pipeline({ name: "failing", flags: warn, streakOf: 3 }),
    ];
    expect(names(list.sort(compareAttention))).toEqual([
      "failing",
      "never green",
      "red for a day",
      "busy",
      "quiet",
    ]);
  });

  it("puts failing unflagged pipelines before green ones, the rest by repository and name", () => {
    const list = [
      pipeline({ repo: "acme/web", name: "CI" }),
      pipeline({ repo: "acme/api", name: "Lint", runs: 1 }),
      pipeline({ repo: "acme/api", name: "CI", runs: 2 }),
      pipeline({ repo: "acme/zzz", name: "Red", streakOf: 1 }),
    ];
    expect(list.sort(compareAttention).map((p) => `${p.repo} ${p.name}`)).toEqual([
      "acme/zzz Red",
      "acme/api CI",
      "acme/api Lint",
      "acme/web CI",
    ]);
  });
});

describe("sortPipelines", () => {
  const a = pipeline({ name: "a", successRate: 0.5, durationMs: { p50: 1, p95: 2, max: 3 } });
  const b = pipeline({ name: "b", successRate: null, durationMs: { p50: 9, p95: 9, max: 9 } });
  const c = pipeline({
    name: "c",
    successRate: 0.9,
    durationMs: { p50: null, p95: null, max: null },
  });

  it("sorts by a column either way, with empty values last both ways", () => {
    expect(names(sortPipelines([a, b, c], "successRate", "asc", NOW))).toEqual(["a", "c", "b"]);
    expect(names(sortPipelines([a, b, c], "successRate", "desc", NOW))).toEqual(["c", "a", "b"]);
    expect(names(sortPipelines([a, b, c], "duration", "desc", NOW))).toEqual(["b", "a", "c"]);
    expect(names(sortPipelines([c, b, a], "pipeline", "desc", NOW))).toEqual(["c", "b", "a"]);
  });

  it("sorts deploys by the age of the last deploy, never-deployed as the oldest", () => {
    const recent = pipeline({
      name: "recent",
      isDeploy: true,
      lastDeployAt: "2026-11-26T11:00:00Z",
    });
    const never = pipeline({ name: "never", isDeploy: true, lastDeployAt: null });
    const ci = pipeline({ name: "ci" });
    expect(names(sortPipelines([ci, recent, never], "lastDeploy", "desc", NOW))).toEqual([
      "never",
      "recent",
      "ci",
    ]);
  });

  it("reverses the attention order when asked", () => {
    const red = pipeline({ name: "red", flags: [flag("slow", "critical")] });
    const green = pipeline({ name: "green" });
    expect(names(sortPipelines([green, red], "attention", "desc", NOW))).toEqual(["red", "green"]);
    expect(names(sortPipelines([red, green], "attention", "asc", NOW))).toEqual(["green", "red"]);
  });
});

describe("filterPipelines", () => {
  const list = [
    pipeline({ repo: "acme/web", name: "CI", flags: [flag("slow", "warning")] }),
    pipeline({ repo: "acme/api", name: "Deploy", path: ".github/workflows/release.yml" }),
    pipeline({ repo: "acme/api", name: "CI" }),
  ];
  const keep = (filters: { repo?: string; flagged?: boolean; q?: string }) =>
    filterPipelines(list, { repo: "", flagged: false, q: "", ...filters }).map(
      (p) => `${p.repo} ${p.name}`,
    );

  it("keeps one repository (any case), the flagged ones, or those matching every word", () => {
    expect(keep({ repo: "ACME/api" })).toEqual(["acme/api Deploy", "acme/api CI"]);
    expect(keep({ flagged: true })).toEqual(["acme/web CI"]);
    expect(keep({ q: "api ci" })).toEqual(["acme/api CI"]);
    expect(keep({ q: "  RELEASE " })).toEqual(["acme/api Deploy"]);
    expect(keep({ q: "nothing" })).toEqual([]);
    expect(keep({})).toHaveLength(3);
  });
});
