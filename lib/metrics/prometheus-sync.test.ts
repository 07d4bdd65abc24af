import { describe, expect, it } from "vitest";
import { serializeFamilies } from "./prometheus.ts";
import {
  backfillRatio,
  buildGitHubFamilies,
  buildSyncFamilies,
  type RepoSync,
  statusClassOf,
} from "./prometheus-sync.ts";
import { familyOf, parseExposition } from "./prometheus-testing.ts";

describe("statusClassOf", () => {
  it.each([
    [200, "2xx"],
    [201, "2xx"],
    [304, "304"],
    [302, "3xx"],
    [403, "4xx"],
    [429, "4xx"],
    [502, "5xx"],
    [0, "error"],
    [99, "other"],
    [600, "other"],
  ])("puts %s in %s", (status, expected) => {
    expect(statusClassOf(status)).toBe(expected);
  });
});

describe("backfillRatio", () => {
  it.each([
    [{ runsExpected: null, runsSynced: 0, done: false }, 0],
    [{ runsExpected: 0, runsSynced: 0, done: false }, 0],
    [{ runsExpected: 400, runsSynced: 100, done: false }, 0.25],
    [{ runsExpected: 10, runsSynced: 12, done: false }, 1],
    [{ runsExpected: 400, runsSynced: 100, done: true }, 1],
  ])("is %o -> %s", (backfill, expected) => {
    expect(backfillRatio(backfill)).toBe(expected);
  });
});

describe("buildGitHubFamilies", () => {
  const read = (usage: Parameters<typeof buildGitHubFamilies>[0]) =>
    parseExposition(serializeFamilies(buildGitHubFamilies(usage)));
  const byLabels = (family: ReturnType<typeof familyOf>) =>
    Object.fromEntries(
      family.samples.map((s) => [`${s.labels.kind} ${s.labels.status_class}`, s.text]),
    );

  it("sums statuses into classes, every class present from 0, durations in seconds", () => {
    const families = read([
      { kind: "api", status: 200, count: 5, durationMs: 100 },
      { kind: "api", status: 201, count: 1, durationMs: 200 },
      { kind: "api", status: 304, count: 7, durationMs: 300 },
      { kind: "download", status: 200, count: 2, durationMs: 1 },
    ]);
    const requests = byLabels(familyOf(families, "pipewatch_github_requests_total"));
    expect(requests).toEqual({
      "api 2xx": "6",
      "api 304": "7",
      "api 3xx": "0",
      "api 4xx": "0",
      "api 5xx": "0",
      "api error": "0",
      "download 2xx": "2",
      "download 304": "0",
      "download 3xx": "0",
      "download 4xx": "0",
      "download 5xx": "0",
      "download error": "0",
    });
    const seconds = byLabels(familyOf(families, "pipewatch_github_request_duration_seconds_total"));
    // 100 + 200 ms summed before dividing: 0.3, not 0.30000000000000004.
    expect([seconds["api 2xx"], seconds["api 304"], seconds["download 2xx"]]).toEqual([
      "0.3",
      "0.3",
      "0.001",
    ]);
    expect(familyOf(families, "pipewatch_github_requests_total").type).toBe("counter");
  });

  it("adds an `other` class only when such a status was seen", () => {
    expect(
      read([])
        .flatMap((f) => f.samples)
        .some((s) => s.labels.status_class === "other"),
    ).toBe(false);
    const families = read([{ kind: "api", status: 999, count: 1, durationMs: 5 }]);
    expect(byLabels(familyOf(families, "pipewatch_github_requests_total"))["api other"]).toBe("1");
  });
});

describe("buildSyncFamilies", () => {
  const repo = (over: Partial<RepoSync>): RepoSync => ({
    repo: "acme/api",
    state: "ok",
    lastAttemptAt: "2026-11-26T11:59:00.000Z",
    lastSuccessAt: "2026-11-26T11:59:30.500Z",
    consecutiveFailures: 0,
    requestsSpent: 120,
    rateLimitRemaining: 4_800,
    backfill: { runsExpected: 10, runsSynced: 10, done: true },
    ...over,
  });

  it("gives each repository's state as a set, times, error, backfill, runs and budget", () => {
    const families = parseExposition(
      serializeFamilies(
        buildSyncFamilies(
          [
            repo({}),
            repo({
              repo: "acme/new",
              state: "waiting",
              lastAttemptAt: null,
              lastSuccessAt: null,
              consecutiveFailures: 2,
              requestsSpent: 0,
              rateLimitRemaining: null,
              backfill: { runsExpected: null, runsSynced: 0, done: false },
            }),
          ],
          new Map([["acme/api", 42]]),
        ),
      ),
    );
    const values = (name: string) =>
      familyOf(families, name).samples.map((s) => [s.labels.repo, s.text]);
    expect(
      familyOf(families, "pipewatch_sync_state").samples.map((s) => [
        s.labels.repo,
        s.labels.state,
        s.value,
      ]),
    ).toEqual([
      ["acme/api", "ok", 1],
      ["acme/api", "backfilling", 0],
      ["acme/api", "failing", 0],
      ["acme/api", "waiting", 0],
      ["acme/new", "ok", 0],
      ["acme/new", "backfilling", 0],
      ["acme/new", "failing", 0],
      ["acme/new", "waiting", 1],
    ]);
    expect(values("pipewatch_sync_last_success_timestamp_seconds")).toEqual([
      ["acme/api", "1795694370.5"],
    ]);
    expect(values("pipewatch_sync_last_attempt_timestamp_seconds")).toEqual([
      ["acme/api", "1795694340"],
    ]);
    expect(values("pipewatch_sync_error")).toEqual([
      ["acme/api", "0"],
      ["acme/new", "1"],
    ]);
    expect(values("pipewatch_sync_consecutive_failures")[1]).toEqual(["acme/new", "2"]);
    expect(values("pipewatch_sync_backfill_ratio")).toEqual([
      ["acme/api", "1"],
      ["acme/new", "0"],
    ]);
    expect(values("pipewatch_sync_runs_stored")).toEqual([
      ["acme/api", "42"],
      ["acme/new", "0"],
    ]);
    expect(values("pipewatch_sync_github_requests_total")).toEqual([
      ["acme/api", "120"],
      ["acme/new", "0"],
    ]);
    expect(values("pipewatch_github_rate_limit_remaining")).toEqual([["acme/api", "4800"]]);
  });
});
