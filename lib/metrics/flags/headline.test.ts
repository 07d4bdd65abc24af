import { describe, expect, it } from "vitest";
import { flagHeadline, roughAge } from "./headline.ts";

const NOW = Date.parse("2026-11-27T12:00:00Z");
const DAY = 86_400_000;

describe("flagHeadline", () => {
  it("says each kind in a few words from its detail", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["slow", { p50Ms: 760_000, thresholdMs: 600_000, runs: 20 }, "Slow: p50 12m 40s > 10m"],
      ["deploy_skipped", { job: "deploy", runs: 5 }, "Deploy skipped for 5 runs"],
      [
        "deploy_stalled",
        { lastDeployAt: new Date(NOW - 3 * DAY - 5_000).toISOString(), pushes: 14 },
        "No deploy for 3 days while 14 commits landed",
      ],
      [
        "deploy_suspicious",
        { ms: 4_000, medianMs: 190_000 },
        "Deploy too fast: 4s, usually 3m 10s",
      ],
      ["workflow_disabled", { state: "disabled_inactivity" }, "Disabled by GitHub: 60 days idle"],
      ["workflow_disabled", { state: "disabled_manually" }, "Disabled by hand"],
      ["flaky", { rate: 0.125 }, "Flaky: 12.5% of commits pass on re-run"],
      [
        "cache_degraded",
        { recentHitRate: 0.1, baselineHitRate: 0.95 },
        "Cache hits 10.0%, was 95.0%",
      ],
      [
        "stale_data",
        { lastSuccessAt: new Date(NOW - 3 * 3_600_000).toISOString() },
        "Data 3 hours old: sync failing",
      ],
    ];
    for (const [kind, detail, expected] of cases)
      expect(flagHeadline({ kind, detail, message: "unused" }, NOW)).toBe(expected);
  });

  it("ages a stalled deploy with the clock, not when the flag was raised", () => {
    const flag = {
      kind: "deploy_stalled",
      message: "",
      detail: { lastDeployAt: new Date(NOW - 3 * DAY).toISOString(), pushes: 1 },
    };
    expect(flagHeadline(flag, NOW)).toBe("No deploy for 3 days while 1 commit landed");
    expect(flagHeadline(flag, NOW + 2 * DAY)).toBe("No deploy for 5 days while 1 commit landed");
  });

  it("falls back to the message's first clause without the numbers", () => {
    const message =
      'Deploy skipped for 5 runs: "deploy" in "CD" was skipped while every other job passed';
    expect(flagHeadline({ kind: "deploy_skipped", message }, NOW)).toBe(
      "Deploy skipped for 5 runs",
    );
    expect(flagHeadline({ kind: "slow", message: "x".repeat(80), detail: {} }, NOW)).toHaveLength(
      60,
    );
  });
});

describe("roughAge", () => {
  it("rounds down to days, hours or minutes", () => {
    expect(roughAge(2 * DAY + 1)).toBe("2 days");
    expect(roughAge(DAY + 1)).toBe("24 hours");
    expect(roughAge(90 * 60_000)).toBe("90 minutes");
    expect(roughAge(1_000)).toBe("1 minute");
  });
});
