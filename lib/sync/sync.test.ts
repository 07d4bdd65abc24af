import { describe, expect, it } from "vitest";
import { progressLine } from "./progress-bar.ts";
import { explainGitHubError, nextSyncDelay } from "./sync.ts";

describe("nextSyncDelay", () => {
  it("is the interval ±10% after a success and doubles per failure, up to an hour", () => {
    expect(nextSyncDelay(60_000, 0, () => 0)).toBe(54_000);
    expect(nextSyncDelay(60_000, 0, () => 1)).toBe(66_000);
    expect(nextSyncDelay(60_000, 1, () => 0.5)).toBe(120_000);
    expect(nextSyncDelay(60_000, 3, () => 0.5)).toBe(480_000);
    expect(nextSyncDelay(60_000, 20, () => 0.5)).toBe(3_600_000);
  });
});

describe("explainGitHubError", () => {
  const error = (status: number, message: string) => Object.assign(new Error(message), { status });
  it("says what to do about GitHub's answers, in one line", () => {
    expect(explainGitHubError(error(401, "Bad credentials"))).toMatch(
      /^GitHub rejected the token \(401 Bad credentials\)/,
    );
    expect(explainGitHubError(error(403, "API rate limit exceeded for user"))).toMatch(
      /rate limit/,
    );
    expect(explainGitHubError(error(403, "Resource not accessible by integration"))).toBe(
      "GitHub refused access (403): Resource not accessible by integration",
    );
    expect(explainGitHubError(new Error("first line\nsecond line"))).toBe("first line");
  });
});

describe("progressLine", () => {
  it("shows repositories, runs, an ETA from the pace so far, and the budget left", () => {
    const line = progressLine(
      {
        repo: "acme/api",
        phase: "details",
        runsListed: 630,
        detailsDone: 150,
        detailsDue: 600,
        rateLimitRemaining: null,
      },
      { done: 2, total: 9 },
      30_000,
      4321,
    );
    expect(line).toBe(
      "[######..................] repos 2/9 · acme/api runs 150/600 · ETA 1m 30s · budget 4,321 left",
    );
  });
});
