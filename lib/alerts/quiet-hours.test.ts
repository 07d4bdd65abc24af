import { describe, expect, it } from "vitest";
import { parseQuietHours } from "./config-values.ts";
import { isQuietAt } from "./quiet-hours.ts";

const night = parseQuietHours("22:00-07:00") ?? undefined;
const lunch = parseQuietHours("12:00-13:30") ?? undefined;

describe("quiet hours", () => {
  it("parses HH:MM-HH:MM and refuses anything else", () => {
    expect(night).toEqual({ start: 22 * 60, end: 7 * 60 });
    for (const bad of ["22-07", "24:00-07:00", "22:00-22:00", "22:00", "22:00-07:00-08:00"])
      expect(parseQuietHours(bad), bad).toBeNull();
  });

  it("wraps past midnight, start inclusive and end exclusive", () => {
    const at = (clock: string) => new Date(`2026-11-27T${clock}:00Z`);
    expect(isQuietAt(at("21:59"), night, "UTC")).toBe(false);
    expect(isQuietAt(at("22:00"), night, "UTC")).toBe(true);
    expect(isQuietAt(at("03:00"), night, "UTC")).toBe(true);
    expect(isQuietAt(at("07:00"), night, "UTC")).toBe(false);
    expect(isQuietAt(at("12:45"), lunch, "UTC")).toBe(true);
    expect(isQuietAt(at("13:30"), lunch, "UTC")).toBe(false);
    expect(isQuietAt(at("03:00"), undefined, "UTC")).toBe(false);
  });

  it("reads the clock in the channel's time zone", () => {
    // 21:30 UTC is 22:30 in Berlin (CET, UTC+1 in November) and 16:30 in New York.
    const at = new Date("2026-11-27T21:30:00Z");
    expect(isQuietAt(at, night, "Europe/Berlin")).toBe(true);
    expect(isQuietAt(at, night, "America/New_York")).toBe(false);
  });
});
