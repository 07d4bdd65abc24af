import { describe, expect, it } from "vitest";
import type { TestHistoryResult } from "@/lib/metrics/test-history";
import { attemptUrl, countOutcomes, describeCounts, groupByCommit } from "./history.ts";

let n = 0;
const result = (
  headSha: string,
  outcome: TestHistoryResult["outcome"],
  extra: Partial<TestHistoryResult> = {},
): TestHistoryResult => ({
  runId: String(++n),
  runNumber: n,
  workflowId: 1,
  pipeline: "CI",
  headSha,
  branch: "main",
  attempt: 1,
  outcome,
  createdAt: "2026-11-26T10:00:00.000Z",
  htmlUrl: `https://github.com/acme/api/actions/runs/${n}`,
  message: null,
  ...extra,
});

describe("groupByCommit", () => {
  it("groups per commit and pipeline, newest group first, each oldest first, with a verdict", () => {
    // Newest first, as the API lists them.
    const passed = result("A", "passed", { attempt: 2 });
    const failed = result("A", "failed");
    const retried = result("B", "flaky");
    const other = result("A", "failed", { workflowId: 2, pipeline: "E2E" });
    const green = result("C", "passed");
    const red = result("D", "error");
    const groups = groupByCommit([passed, failed, retried, other, green, red]);
    expect(groups.map((g) => [g.pipeline, g.headSha, g.verdict])).toEqual([
      ["CI", "A", "flaky"],
      ["CI", "B", "retried"],
      ["E2E", "A", "failed"],
      ["CI", "C", "passed"],
      ["CI", "D", "failed"],
    ]);
    expect(groups[0]?.results).toEqual([failed, passed]);
  });
});

describe("counts and links", () => {
  it("counts each outcome group and says so", () => {
    const counts = countOutcomes([
      result("A", "failed"),
      result("A", "error"),
      result("A", "passed"),
      result("A", "flaky"),
    ]);
    expect(counts).toEqual({ failed: 2, passed: 1, retried: 1, skipped: 0 });
    expect(describeCounts(counts)).toBe("2 failed, 1 passed, 1 passed on retry");
    expect(describeCounts(countOutcomes([]))).toBe("no results");
  });

  it("links to the attempt when it is known", () => {
    const r = result("A", "failed", {
      attempt: 2,
      htmlUrl: "https://github.com/a/b/actions/runs/9",
    });
    expect(attemptUrl(r)).toBe("https://github.com/a/b/actions/runs/9/attempts/2");
    expect(attemptUrl({ ...r, attempt: null })).toBe("https://github.com/a/b/actions/runs/9");
  });
});
