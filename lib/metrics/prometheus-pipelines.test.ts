import { describe, expect, it } from "vitest";
import { examplePipeline } from "./pipeline-testing.ts";
import type { Pipeline } from "./pipelines.ts";
import { serializeFamilies } from "./prometheus.ts";
import { buildFlagFamilies, buildPipelineFamilies } from "./prometheus-pipelines.ts";
import { familyOf, parseExposition } from "./prometheus-testing.ts";

const pipeline = (over: Partial<Pipeline> = {}): Pipeline =>
  examplePipeline({
    id: "7",
    name: "CI",
    successes: 6,
    failures: 3,
    cancelled: 1,
    successRate: 6 / 9,
    durationMs: { p50: 240_000, p95: 301_500, max: 310_250 },
    queueMs: { p50: 1_000, p95: 12_345 },
    cache: { hits: 3, partial: 1, misses: 0, hitRate: 0.75 },
    flaky: { flakyRuns: 1, rate: 0.125, flakyTests: 2 },
    streak: {
      lastSuccessAt: "2026-11-26T11:00:00.250Z",
      sinceLastSuccessMs: 3_600_000,
      failureStreak: 0,
      longestGapMs: 86_400_000,
    },
    lastRun: null,
    ...over,
  });

const read = (pipelines: Pipeline[]) =>
  parseExposition(serializeFamilies(buildPipelineFamilies(pipelines, "30d")));

const valuesOf = (families: ReturnType<typeof read>, name: string) =>
  familyOf(families, name).samples.map((s) => [s.labels.quantile ?? s.labels.outcome, s.text]);

describe("buildPipelineFamilies", () => {
  it("gives the report's numbers in seconds, ratios and Unix seconds, labelled by pipeline", () => {
    const families = read([pipeline()]);
    const runs = familyOf(families, "pipewatch_pipeline_runs").samples;
    expect(runs).toEqual([
      { labels: { repo: "acme/api", workflow: "CI", workflow_id: "7" }, value: 10, text: "10" },
    ]);
    expect(valuesOf(families, "pipewatch_pipeline_duration_seconds")).toEqual([
      ["0.5", "240"],
      ["0.95", "301.5"],
    ]);
    expect(valuesOf(families, "pipewatch_pipeline_duration_max_seconds")).toEqual([
      [undefined, "310.25"],
    ]);
    expect(valuesOf(families, "pipewatch_pipeline_queue_seconds")).toEqual([
      ["0.5", "1"],
      ["0.95", "12.345"],
    ]);
    expect(valuesOf(families, "pipewatch_pipeline_cache_restores")).toEqual([
      ["hit", "3"],
      ["partial", "1"],
      ["miss", "0"],
    ]);
    expect(valuesOf(families, "pipewatch_pipeline_last_success_timestamp_seconds")).toEqual([
      [undefined, "1795690800.25"],
    ]);
    expect(valuesOf(families, "pipewatch_pipeline_longest_gap_seconds")).toEqual([
      [undefined, "86400"],
    ]);
    expect(familyOf(families, "pipewatch_pipeline_info").samples[0]?.labels).toEqual({
      repo: "acme/api",
      workflow: "CI",
      workflow_id: "7",
      path: ".github/workflows/ci.yml",
      state: "active",
      default_branch: "main",
    });
    expect(familyOf(families, "pipewatch_pipeline_runs").help).toContain("last 30d");
  });

  it("leaves out unknown values, and keeps every family (HELP and TYPE) even then", () => {
    const idle = pipeline({
      runs: 0,
      successes: 0,
      failures: 0,
      cancelled: 0,
      successRate: null,
      durationMs: { p50: null, p95: null, max: null },
      queueMs: { p50: null, p95: null },
      cache: { hits: 0, partial: 0, misses: 0, hitRate: null },
      flaky: { flakyRuns: 0, rate: null, flakyTests: 0 },
      streak: {
        lastSuccessAt: null,
        sinceLastSuccessMs: null,
        failureStreak: 0,
        longestGapMs: null,
      },
    });
    const families = read([idle]);
    const empty = families.filter((f) => f.samples.length === 0).map((f) => f.name);
    expect(empty).toEqual([
      "pipewatch_pipeline_success_ratio",
      "pipewatch_pipeline_duration_seconds",
      "pipewatch_pipeline_duration_max_seconds",
      "pipewatch_pipeline_queue_seconds",
      "pipewatch_pipeline_cache_hit_ratio",
      "pipewatch_pipeline_flaky_ratio",
      "pipewatch_pipeline_last_success_timestamp_seconds",
      "pipewatch_pipeline_longest_gap_seconds",
      "pipewatch_pipeline_last_deploy_timestamp_seconds",
    ]);
    expect(familyOf(families, "pipewatch_pipeline_runs").samples[0]?.value).toBe(0);
    expect(read([]).every((f) => f.samples.length === 0)).toBe(true);
  });

  it("tells two workflows of the same name apart by workflow_id, and flags deploys", () => {
    const at = "2026-11-20T08:00:00.000Z";
    const families = read([
      pipeline(),
      pipeline({ id: "8", workflowId: 8, isDeploy: true, lastDeployAt: at }),
    ]);
    expect(familyOf(families, "pipewatch_pipeline_is_deploy").samples.map((s) => s.value)).toEqual([
      0, 1,
    ]);
    const deploys = familyOf(families, "pipewatch_pipeline_last_deploy_timestamp_seconds");
    expect(deploys.samples.map((s) => [s.labels.workflow_id, s.value])).toEqual([
      ["8", Date.parse(at) / 1000],
    ]);
  });
});

describe("buildFlagFamilies", () => {
  const since = "2026-11-25T00:00:00.000Z";

  it("gives one series per open flag; repository-wide ones without workflow labels", () => {
    const families = parseExposition(
      serializeFamilies(
        buildFlagFamilies([
          {
            repo: "acme/api",
            workflowId: 7,
            pipeline: "CI",
            kind: "slow",
            severity: "warning",
            since,
          },
          {
            repo: "acme/api",
            workflowId: null,
            pipeline: null,
            kind: "stale_data",
            severity: "critical",
            since,
          },
        ]),
      ),
    );
    expect(familyOf(families, "pipewatch_flag_open").samples.map((s) => s.labels)).toEqual([
      { repo: "acme/api", workflow: "CI", workflow_id: "7", kind: "slow", severity: "warning" },
      { repo: "acme/api", kind: "stale_data", severity: "critical" },
    ]);
    expect(
      familyOf(families, "pipewatch_flag_since_timestamp_seconds").samples.map((s) => s.value),
    ).toEqual([1795564800, 1795564800]);
    expect(
      familyOf(families, "pipewatch_flags_open").samples.map((s) => [s.labels.severity, s.value]),
    ).toEqual([
      ["warning", 1],
      ["critical", 1],
    ]);
  });

  it("counts 0 for each severity when no flag is open", () => {
    const families = parseExposition(serializeFamilies(buildFlagFamilies([])));
    expect(familyOf(families, "pipewatch_flag_open").samples).toEqual([]);
    expect(familyOf(families, "pipewatch_flags_open").samples.map((s) => s.text)).toEqual([
      "0",
      "0",
    ]);
  });
});
