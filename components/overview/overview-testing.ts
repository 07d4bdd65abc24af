// A pipeline as GET /api/v1/pipelines answers it, for the Overview's unit tests.
import { examplePipeline } from "@/lib/metrics/pipeline-testing";
import type { Pipeline, PipelineFlag } from "@/lib/metrics/pipelines";

export const NOW = Date.parse("2026-11-26T12:00:00Z");
const HOUR = 3_600_000;

export const flag = (kind: string, severity: "critical" | "warning"): PipelineFlag => ({
  kind,
  severity,
  since: "2026-11-25T12:00:00.000Z",
  message: `${kind} on this pipeline`,
});

let next = 1;

/** A healthy pipeline that last succeeded an hour ago, with `over` applied. */
export function pipeline(
  over: Partial<Pipeline> & { streakOf?: number; sinceMs?: number | null } = {},
): Pipeline {
  const { streakOf = 0, sinceMs = HOUR, ...rest } = over;
  const id = String(next++);
  return examplePipeline({
    id,
    name: `CI ${id}`,
    successes: 9,
    failures: 1,
    successRate: 0.9,
    durationMs: { p50: 240_000, p95: 300_000, max: 310_000 },
    cache: { hits: 3, partial: 1, misses: 0, hitRate: 0.75 },
    flaky: { flakyRuns: 0, rate: 0, flakyTests: 0 },
    streak: {
      lastSuccessAt: sinceMs === null ? null : new Date(NOW - sinceMs).toISOString(),
      sinceLastSuccessMs: sinceMs,
      failureStreak: streakOf,
      longestGapMs: sinceMs,
    },
    lastRun: {
      id: `9${id}`,
      runNumber: 1,
      status: "completed",
      conclusion: streakOf > 0 ? "failure" : "success",
      createdAt: new Date(NOW - HOUR).toISOString(),
      durationMs: null,
      htmlUrl: `https://github.com/acme/api/actions/runs/9${id}`,
    },
    ...rest,
  });
}
