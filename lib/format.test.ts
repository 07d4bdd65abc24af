import { describe, expect, it } from "vitest";
import { formatCount, formatDuration, formatPercent, formatRelative, formatUtc } from "./format.ts";

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
