// A pipeline as GET /api/v1/pipelines answers it (a healthy one that always succeeds), for unit
// tests of what is built from the report: each test overrides the numbers it checks.
import type { Pipeline } from "./pipelines.ts";

export function examplePipeline(over: Partial<Pipeline> = {}): Pipeline {
  const id = over.id ?? "1";
  return {
    id,
    repo: "acme/api",
    workflowId: Number(id),
    name: `W${id}`,
    path: ".github/workflows/ci.yml",
    state: "active",
    isDeploy: false,
    slowThresholdMs: 600_000,
    defaultBranch: "main",
    runs: 10,
    successes: 10,
    failures: 0,
    cancelled: 0,
    successRate: 1,
    durationMs: { p50: 60_000, p95: 90_000, max: 100_000 },
    queueMs: { p50: 1_000, p95: 2_000 },
    cache: { hits: 0, partial: 0, misses: 0, hitRate: null },
    flaky: { flakyRuns: 0, rate: null, flakyTests: 0 },
    streak: {
      lastSuccessAt: "2026-11-27T11:00:00Z",
      sinceLastSuccessMs: 0,
      failureStreak: 0,
      longestGapMs: null,
    },
    lastDeployAt: null,
    lastRun: {
      id: "1",
      runNumber: 1,
      status: "completed",
      conclusion: "success",
      createdAt: "2026-11-27T11:00:00Z",
      durationMs: null,
      htmlUrl: "",
    },
    flags: [],
    ...over,
  };
}
