import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDateTime,
  formatDay,
  formatDuration,
  formatDurationShort,
  formatPercent,
  formatRelative,
  formatTimeOfDay,
  formatUtc,
} from "./format.ts";

describe("formatDuration", () => {
  it("reads like a person would say it", () => {
    expect(formatDuration(850)).toBe("850ms");
    expect(formatDuration(42_000)).toBe("42s");
    expect(formatDuration(252_000)).toBe("4m 12s");
    expect(formatDuration(3_900_000)).toBe("1h 05m");
    expect(formatDuration(273_600_000)).toBe("3d 4h");
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(-60_000)).toBe("−1m 00s");
  });
});

describe("formatPercent", () => {
  it("has one decimal, and never rounds to a perfect 0 or 100", () => {
    expect(formatPercent(0.934)).toBe("93.4%");
    expect(formatPercent(1)).toBe("100%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(0.9999)).toBe(">99.9%");
    expect(formatPercent(0.0001)).toBe("<0.1%");
    expect(formatPercent(null)).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-11-26T12:00:00Z");
  it("says how long ago, in the largest sensible unit", () => {
    expect(formatRelative("2026-11-26T11:59:50Z", now)).toBe("just now");
    expect(formatRelative("2026-11-26T11:55:00Z", now)).toBe("5 minutes ago");
    expect(formatRelative("2026-11-26T11:00:00Z", now)).toBe("1 hour ago");
    expect(formatRelative("2026-11-23T12:00:00Z", now)).toBe("3 days ago");
    expect(formatRelative("2026-09-26T12:00:00Z", now)).toBe("2 months ago");
    expect(formatRelative("2026-11-26T14:00:00Z", now)).toBe("in 2 hours");
    expect(formatRelative(null, now)).toBe("never");
  });
});

describe("formatUtc and formatCount", () => {
  it("give the exact values", () => {
    expect(formatUtc("2026-11-26T12:00:05.123Z")).toBe("2026-11-26 12:00:05 UTC");
    expect(formatCount(12345)).toBe("12,345");
  });
});

describe("formatDurationShort", () => {
  it("is compact, leaving out zero seconds and minutes", () => {
    expect(formatDurationShort(600_000)).toBe("10m");
    expect(formatDurationShort(270_000)).toBe("4m 30s");
    expect(formatDurationShort(45_000)).toBe("45s");
    expect(formatDurationShort(0)).toBe("0s");
    expect(formatDurationShort(3_600_000)).toBe("1h");
    expect(formatDurationShort(5_400_000)).toBe("1h 30m");
    expect(formatDurationShort(2 * 86_400_000)).toBe("2d");
    expect(formatDurationShort(-120_000)).toBe("−2m");
    expect(formatDurationShort(null)).toBe("—");
  });
});

describe("formatDateTime", () => {
  const now = Date.parse("2026-11-26T12:00:00Z");
  it("shows the time in the given zone, 24-hour, with the year only when not this year", () => {
    expect(formatDateTime("2026-11-26T21:04:00Z", { timeZone: "UTC", now })).toBe("Nov 26, 21:04");
    expect(formatDateTime("2026-11-26T21:04:00Z", { timeZone: "Europe/Paris", now })).toBe(
      "Nov 26, 22:04",
    );
    expect(formatDateTime("2025-12-31T23:59:00Z", { timeZone: "UTC", now })).toBe(
      "Dec 31, 2025, 23:59",
    );
    expect(formatDateTime("not a date", { now })).toBe("—");
  });
});

describe("formatDay", () => {
  const now = Date.parse("2026-11-26T12:00:00Z");
  it("shows the day in the given zone, with the year only when not this year", () => {
    expect(formatDay("2026-10-27T00:00:00Z", { timeZone: "UTC", now })).toBe("Oct 27");
    expect(formatDay("2026-10-27T00:00:00Z", { timeZone: "America/New_York", now })).toBe("Oct 26");
    expect(formatDay("2025-12-31T23:59:00Z", { timeZone: "UTC", now })).toBe("Dec 31, 2025");
    expect(formatDay("not a date", { now })).toBe("—");
  });
});

describe("formatTimeOfDay", () => {
  it("is 24-hour with seconds, in the zone asked for", () => {
    expect(formatTimeOfDay("2026-11-26T21:04:05Z", { timeZone: "UTC" })).toBe("21:04:05");
    expect(formatTimeOfDay("2026-11-26T00:00:07Z", { timeZone: "UTC" })).toBe("00:00:07");
    expect(formatTimeOfDay("2026-11-26T21:04:05Z", { timeZone: "Asia/Kolkata" })).toBe("02:34:05");
    expect(formatTimeOfDay("nonsense")).toBe("—");
  });
});
