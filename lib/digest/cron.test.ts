import { describe, expect, it } from "vitest";
import { CronError, cronMatches, lastFireBetween, parseCron } from "./cron.ts";

const at = (iso: string) => new Date(iso);

describe("cron", () => {
  it("matches Monday 08:00 in the time zone", () => {
    const cron = parseCron("0 8 * * 1");
    expect(cronMatches(cron, at("2026-11-23T08:00:30Z"), "UTC")).toBe(true);
    expect(cronMatches(cron, at("2026-11-23T08:01:00Z"), "UTC")).toBe(false);
    expect(cronMatches(cron, at("2026-11-24T08:00:00Z"), "UTC")).toBe(false);
    // 08:00 in Paris is 07:00 UTC in November.
    expect(cronMatches(cron, at("2026-11-23T07:00:00Z"), "Europe/Paris")).toBe(true);
    expect(cronMatches(cron, at("2026-11-23T08:00:00Z"), "Europe/Paris")).toBe(false);
  });

  it("reads lists, ranges, steps and Sunday as 0 or 7", () => {
    const cron = parseCron("*/15 9-17 * * 1-5");
    expect(cronMatches(cron, at("2026-11-25T09:45:00Z"), "UTC")).toBe(true);
    expect(cronMatches(cron, at("2026-11-25T09:50:00Z"), "UTC")).toBe(false);
    expect(cronMatches(cron, at("2026-11-28T09:45:00Z"), "UTC")).toBe(false);
    const sunday = at("2026-11-29T00:00:00Z");
    expect(cronMatches(parseCron("0 0 * * 7"), sunday, "UTC")).toBe(true);
    expect(cronMatches(parseCron("0 0 * * 0"), sunday, "UTC")).toBe(true);
    expect(cronMatches(parseCron("0,30 0 1,29 11 *"), sunday, "UTC")).toBe(true);
  });

  it("matches either day field when both are restricted", () => {
    const cron = parseCron("0 0 1 * 1");
    expect(cronMatches(cron, at("2026-12-01T00:00:00Z"), "UTC")).toBe(true); // a Tuesday, the 1st
    expect(cronMatches(cron, at("2026-11-30T00:00:00Z"), "UTC")).toBe(true); // a Monday
    expect(cronMatches(cron, at("2026-12-02T00:00:00Z"), "UTC")).toBe(false);
  });

  it("refuses what it cannot read", () => {
    for (const bad of [
      "0 8 * *",
      "60 8 * * 1",
      "0 24 * * 1",
      "0 8 0 * *",
      "0 8 * 13 *",
      "a b c d e",
      "0 8 * * 1-8",
      "*/0 * * * *",
    ])
      expect(() => parseCron(bad), bad).toThrow(CronError);
  });

  it("finds the last firing since a moment", () => {
    const cron = parseCron("0 8 * * 1");
    const now = at("2026-11-25T12:00:00Z");
    expect(lastFireBetween(cron, at("2026-11-18T12:00:00Z"), now, "UTC")?.toISOString()).toBe(
      "2026-11-23T08:00:00.000Z",
    );
    expect(lastFireBetween(cron, at("2026-11-23T08:00:00Z"), now, "UTC")).toBeNull();
  });
});
