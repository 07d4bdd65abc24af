// The digest's content from the dashboard's own numbers for a week and the week before: per
// pipeline the change of each metric, and which pipelines and tests deserve a line. Pure; the
// numbers are read by data.ts with the metric functions of lib/metrics.
import type { FlagActivity } from "@/lib/metrics/flag-activity";
import type { FlakyTest } from "@/lib/metrics/flaky-tests";
import type { Pipeline } from "@/lib/metrics/pipelines";

/** A number this week and the week before (null: not measured, e.g. no runs). */
export type Change = { current: number | null; previous: number | null };

export type DigestPipeline = {
  id: string;
  repo: string;
  name: string;
  runs: Change;
  successRate: Change;
  p50: Change;
  p95: Change;
  cacheHitRate: Change;
  flakyRate: Change;
  ciTimeMs: Change;
};

export type DigestDeploy = {
  id: string;
  repo: string;
  name: string;
  deploys: Change;
  /** The longest stretch of the week without a deploy. */
  longestGapMs: number | null;
};

export type DigestTest = Pick<
  FlakyTest,
  "suite" | "name" | "repo" | "pipelines" | "flakyShas" | "retriedPasses"
>;

/** Which week a digest tells of. */
export type DigestWeek = {
  week: string;
  previousWeek: string;
  timeZone: string;
  window: { from: string; to: string };
  /** False while the week is still going on. */
  complete: boolean;
};

export type Digest = DigestWeek & {
  totals: { ciTimeMs: Change; runs: Change; pipelines: number };
  /** p50 or p95 at least SIGNIFICANT slower, the most slowed first; `faster` the reverse. */
  slower: DigestPipeline[];
  faster: DigestPipeline[];
  /** Pipelines with flaky runs this week, the flakiest first. */
  flakiest: DigestPipeline[];
  flakyTests: DigestTest[];
  flakyTestsTotal: number;
  /** Cache hit rate moved by at least CACHE_POINTS, the worst drop first. */
  cache: DigestPipeline[];
  deploys: DigestDeploy[];
  flags: { opened: FlagActivity[]; resolved: FlagActivity[] };
  /** Every pipeline with runs in either week, by repository and name. */
  pipelines: DigestPipeline[];
};

/** A relative change worth a line: 10%. */
export const SIGNIFICANT = 0.1;
/** A change of the cache hit rate worth a line: 5 percentage points. */
export const CACHE_POINTS = 0.05;
export const FLAKY_TESTS_SHOWN = 10;

/** current / previous − 1; null when either is missing or previous is 0. */
export function relativeChange({ current, previous }: Change): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return current / previous - 1;
}

/** current − previous; null when either is missing. */
export function difference({ current, previous }: Change): number | null {
  return current === null || previous === null ? null : current - previous;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export type DigestInput = {
  week: DigestWeek;
  current: Pipeline[];
  previous: Pipeline[];
  ciTime: { current: Map<number, number>; previous: Map<number, number> };
  deploys: {
    current: Map<number, { deploys: number; longestGapMs: number }>;
    previous: Map<number, { deploys: number; longestGapMs: number }>;
  };
  flakyTests: { total: number; tests: FlakyTest[] };
  flags: FlagActivity[];
};

/** Puts the week's numbers together into the digest. */
export function buildDigest(input: DigestInput): Digest {
  const before = new Map(input.previous.map((p) => [p.id, p]));
  const pipelines = input.current
    .filter((p) => p.runs > 0 || (before.get(p.id)?.runs ?? 0) > 0)
    .map((p): DigestPipeline => {
      const q = before.get(p.id);
      const id = p.workflowId;
      return {
        id: p.id,
        repo: p.repo,
        name: p.name,
        runs: { current: p.runs, previous: q?.runs ?? 0 },
        successRate: { current: p.successRate, previous: q?.successRate ?? null },
        p50: { current: p.durationMs.p50, previous: q?.durationMs.p50 ?? null },
        p95: { current: p.durationMs.p95, previous: q?.durationMs.p95 ?? null },
        cacheHitRate: { current: p.cache.hitRate, previous: q?.cache.hitRate ?? null },
        flakyRate: { current: p.flaky.rate, previous: q?.flaky.rate ?? null },
        ciTimeMs: {
          current: input.ciTime.current.get(id) ?? 0,
          previous: input.ciTime.previous.get(id) ?? 0,
        },
      };
    });
  const slowdown = (p: DigestPipeline) =>
    Math.max(relativeChange(p.p50) ?? -Infinity, relativeChange(p.p95) ?? -Infinity);
  const speedup = (p: DigestPipeline) =>
    Math.min(relativeChange(p.p50) ?? Infinity, relativeChange(p.p95) ?? Infinity);
  const flakyRate = (p: DigestPipeline) => p.flakyRate.current ?? 0;
  const cacheDrop = (p: DigestPipeline) => difference(p.cacheHitRate) ?? 0;
  return {
    ...input.week,
    totals: {
      ciTimeMs: {
        current: sum(pipelines.map((p) => p.ciTimeMs.current ?? 0)),
        previous: sum(pipelines.map((p) => p.ciTimeMs.previous ?? 0)),
      },
      runs: {
        current: sum(pipelines.map((p) => p.runs.current ?? 0)),
        previous: sum(pipelines.map((p) => p.runs.previous ?? 0)),
      },
      pipelines: pipelines.filter((p) => (p.runs.current ?? 0) > 0).length,
    },
    slower: pipelines
      .filter((p) => slowdown(p) >= SIGNIFICANT)
      .sort((a, b) => slowdown(b) - slowdown(a)),
    faster: pipelines
      .filter((p) => speedup(p) <= -SIGNIFICANT)
      .sort((a, b) => speedup(a) - speedup(b)),
    flakiest: pipelines.filter((p) => flakyRate(p) > 0).sort((a, b) => flakyRate(b) - flakyRate(a)),
    flakyTests: input.flakyTests.tests.slice(0, FLAKY_TESTS_SHOWN).map((t) => ({
      suite: t.suite,
      name: t.name,
      repo: t.repo,
      pipelines: t.pipelines,
      flakyShas: t.flakyShas,
      retriedPasses: t.retriedPasses,
    })),
    flakyTestsTotal: input.flakyTests.total,
    cache: pipelines
      .filter((p) => Math.abs(cacheDrop(p)) >= CACHE_POINTS)
      .sort((a, b) => cacheDrop(a) - cacheDrop(b)),
    deploys: input.current
      .filter((p) => p.isDeploy)
      .map((p) => {
        const now = input.deploys.current.get(p.workflowId);
        return {
          id: p.id,
          repo: p.repo,
          name: p.name,
          deploys: {
            current: now?.deploys ?? 0,
            previous: input.deploys.previous.get(p.workflowId)?.deploys ?? 0,
          },
          longestGapMs: now?.longestGapMs ?? null,
        };
      }),
    flags: {
      opened: input.flags.filter((f) => f.transition === "opened"),
      resolved: input.flags.filter((f) => f.transition === "resolved"),
    },
    pipelines,
  };
}
