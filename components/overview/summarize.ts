// The numbers of the Overview's summary strip, over the pipelines shown. Pure.
import type { Pipeline } from "@/lib/metrics/pipelines";

export type OverviewSummary = {
  pipelines: number;
  /** Open flags, each counted once (a repository's flag shows on each of its pipelines). */
  critical: number;
  warning: number;
  /** Completed runs in the window. */
  runs: number;
  successes: number;
  /** runs − cancelled: the success rate's divisor. */
  decided: number;
  /** successes / (runs − cancelled) over all the pipelines' runs; null when that is 0. */
  successRate: number | null;
  /** The median of the pipelines' p50 durations, each pipeline counting once; null without any. */
  medianP50Ms: number | null;
  /** How many pipelines had a p50 (the median's sample). */
  withDuration: number;
};

/** The median of `values` (the mean of the middle two for an even count); null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

export function summarize(pipelines: Pipeline[]): OverviewSummary {
  const flags = new Map<string, string>();
  let runs = 0;
  let successes = 0;
  let decided = 0;
  const p50s: number[] = [];
  for (const p of pipelines) {
    for (const f of p.flags)
      flags.set(`${p.repo}\n${f.kind}\n${f.since}\n${f.message}`, f.severity);
    runs += p.runs;
    successes += p.successes;
    decided += p.runs - p.cancelled;
    if (p.durationMs.p50 !== null) p50s.push(p.durationMs.p50);
  }
  const severities = [...flags.values()];
  return {
    pipelines: pipelines.length,
    critical: severities.filter((s) => s === "critical").length,
    warning: severities.filter((s) => s !== "critical").length,
    runs,
    successes,
    decided,
    successRate: decided > 0 ? successes / decided : null,
    medianP50Ms: median(p50s),
    withDuration: p50s.length,
  };
}
