// Which pipelines the Overview shows, and in what order. Pure, so the order is tested.
//
// The default order ("attention") puts what needs a person first:
//   1. pipelines with an open critical flag, then those with a warning, then the rest;
//   2. among flagged pipelines, by impact: the longest current failure streak, then the longest
//      time since the last success (never succeeded counts as longest), then the most runs in
//      the window (the busier a broken pipeline, the more people it blocks);
//   3. among the rest, those failing now (a failure streak) before the green ones;
//   4. then by repository and workflow name.
import type { Pipeline } from "@/lib/metrics/pipelines";
import type { OverviewParams, SortDir, SortKey } from "./overview-params.ts";

type Filters = Pick<OverviewParams, "repo" | "flagged" | "q">;

/** 0 for an open critical flag, 1 for a warning only, 2 for none. */
export function severityRank(pipeline: Pipeline): number {
  if (pipeline.flags.some((f) => f.severity === "critical")) return 0;
  return pipeline.flags.length > 0 ? 1 : 2;
}

/** The pipelines `filters` keep: repository, flagged only, and words found in repo/name/path. */
export function filterPipelines(pipelines: Pipeline[], filters: Filters): Pipeline[] {
  const words = filters.q.toLowerCase().split(/\s+/).filter(Boolean);
  const repo = filters.repo.toLowerCase();
  return pipelines.filter((p) => {
    if (repo && p.repo.toLowerCase() !== repo) return false;
    if (filters.flagged && p.flags.length === 0) return false;
    const text = `${p.repo} ${p.name} ${p.path}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

const byName = (a: Pipeline, b: Pipeline) =>
  a.repo.localeCompare(b.repo) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** Larger first; null last. */
function desc(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/** Time since the last success for ranking: never succeeded (but ran) counts as the longest. */
function sinceSuccess(p: Pipeline): number | null {
  if (p.streak.sinceLastSuccessMs !== null) return p.streak.sinceLastSuccessMs;
  return p.lastRun ? Number.POSITIVE_INFINITY : null;
}

/** The "attention" order described at the top of this file. */
export function compareAttention(a: Pipeline, b: Pipeline): number {
  const rank = severityRank(a) - severityRank(b);
  if (rank !== 0) return rank;
  const streak = b.streak.failureStreak - a.streak.failureStreak;
  if (streak !== 0) return streak;
  if (severityRank(a) < 2) {
    const since = desc(sinceSuccess(a), sinceSuccess(b));
    if (since !== 0) return since;
    const runs = b.runs - a.runs;
    if (runs !== 0) return runs;
  }
  return byName(a, b);
}

const age = (at: string | null, now: number) => (at === null ? null : now - Date.parse(at));

/** The value a column sorts by; null sorts last whatever the direction. */
function sortValue(p: Pipeline, key: SortKey, now: number): number | null {
  switch (key) {
    case "lastRun":
      return age(p.lastRun?.createdAt ?? null, now);
    case "successRate":
      return p.successRate;
    case "duration":
      return p.durationMs.p50;
    case "cache":
      return p.cache.hitRate;
    case "flaky":
      return p.flaky.rate;
    case "lastSuccess":
      return sinceSuccess(p);
    case "lastDeploy":
      return p.isDeploy ? (age(p.lastDeployAt, now) ?? Number.POSITIVE_INFINITY) : null;
    default:
      return null;
  }
}

/**
 * `pipelines` in the order of column `key` and `dir` (a new array). `now` is the instant ages
 * are measured from (the report's generatedAt). Ties fall back to the attention order.
 */
export function sortPipelines(
  pipelines: Pipeline[],
  key: SortKey,
  dir: SortDir,
  now: number,
): Pipeline[] {
  const sign = dir === "asc" ? 1 : -1;
  const compare = (a: Pipeline, b: Pipeline): number => {
    if (key === "attention") return sign * -compareAttention(a, b) || 0;
    if (key === "pipeline") return sign * byName(a, b);
    const x = sortValue(a, key, now);
    const y = sortValue(b, key, now);
    if (x === y) return compareAttention(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x < y ? -1 : 1);
  };
  return [...pipelines].sort(compare);
}
