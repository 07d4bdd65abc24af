// A test's history read the way flakiness is defined (docs/metrics.md): per commit and pipeline,
// did it fail and pass there? Pure, for the history panel of the Flaky tests page.
import type { TestHistoryResult } from "@/lib/metrics/test-history";

export type Verdict = "flaky" | "retried" | "failed" | "passed" | "skipped";

export type CommitGroup = {
  key: string;
  headSha: string;
  branch: string | null;
  workflowId: number;
  pipeline: string;
  /** The results on this commit in this pipeline, oldest first. */
  results: TestHistoryResult[];
  /** flaky: failed and passed here; retried: passed only after a retry inside the job. */
  verdict: Verdict;
};

export type OutcomeLook = { icon: string; label: string; tone: "ok" | "bad" | "warn" | "muted" };

export const OUTCOMES: Record<TestHistoryResult["outcome"], OutcomeLook> = {
  passed: { icon: "✓", label: "passed", tone: "ok" },
  failed: { icon: "✕", label: "failed", tone: "bad" },
  error: { icon: "✕", label: "error", tone: "bad" },
  flaky: { icon: "↻", label: "passed on retry", tone: "warn" },
  skipped: { icon: "–", label: "skipped", tone: "muted" },
};

export const VERDICTS: Record<Verdict, OutcomeLook> = {
  flaky: { icon: "⚠", label: "failed and passed", tone: "warn" },
  retried: { icon: "↻", label: "passed on retry", tone: "warn" },
  failed: { icon: "✕", label: "failed", tone: "bad" },
  passed: { icon: "✓", label: "passed", tone: "ok" },
  skipped: { icon: "–", label: "skipped", tone: "muted" },
};

const isFailure = (r: TestHistoryResult) => r.outcome === "failed" || r.outcome === "error";
const isPass = (r: TestHistoryResult) => r.outcome === "passed" || r.outcome === "flaky";

function verdictOf(results: TestHistoryResult[]): Verdict {
  const failed = results.some(isFailure);
  const passed = results.some(isPass);
  if (failed && passed) return "flaky";
  if (failed) return "failed";
  if (results.some((r) => r.outcome === "flaky")) return "retried";
  return passed ? "passed" : "skipped";
}

/**
 * The results (newest first, as the API lists them) grouped by commit and pipeline: the group
 * with the newest result first, each group's results oldest first (they read as a story: failed,
 * then passed on the re-run).
 */
export function groupByCommit(results: TestHistoryResult[]): CommitGroup[] {
  const groups = new Map<string, TestHistoryResult[]>();
  for (const r of results) {
    const key = `${r.workflowId}:${r.headSha}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups].map(([key, newestFirst]) => {
    const [first] = newestFirst;
    const oldestFirst = [...newestFirst].reverse();
    return {
      key,
      headSha: first?.headSha ?? "",
      branch: first?.branch ?? null,
      workflowId: first?.workflowId ?? 0,
      pipeline: first?.pipeline ?? "",
      results: oldestFirst,
      verdict: verdictOf(oldestFirst),
    };
  });
}

/** Whether the test failed on the commit, at least in a try inside the job. */
export const failedThere = (group: CommitGroup) =>
  group.verdict !== "passed" && group.verdict !== "skipped";

/** How many results had each outcome group. */
export function countOutcomes(results: TestHistoryResult[]) {
  return {
    failed: results.filter(isFailure).length,
    passed: results.filter((r) => r.outcome === "passed").length,
    retried: results.filter((r) => r.outcome === "flaky").length,
    skipped: results.filter((r) => r.outcome === "skipped").length,
  };
}

/** `28 failed, 40 passed, 8 passed on retry` (the groups present). */
export function describeCounts(counts: ReturnType<typeof countOutcomes>): string {
  const parts = [
    counts.failed ? `${counts.failed} failed` : "",
    counts.passed ? `${counts.passed} passed` : "",
    counts.retried ? `${counts.retried} passed on retry` : "",
    counts.skipped ? `${counts.skipped} skipped` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "no results";
}

/** The attempt's page on GitHub when known (a re-run's failure lives on its own attempt). */
export function attemptUrl(result: TestHistoryResult): string {
  return result.attempt ? `${result.htmlUrl}/attempts/${result.attempt}` : result.htmlUrl;
}
