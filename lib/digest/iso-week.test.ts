import { describe, expect, it } from "vitest";
import {
  addWeeks,
  formatIsoWeek,
  latestCompleteWeek,
  parseIsoWeek,
  resolveWeek,
  weekAt,
  weeksInYear,
  weekWindow,
} from "./iso-week.ts";

const HOUR = 3_600_000;

describe("ISO weeks", () => {
  it("knows which years have a week 53", () => {
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2021)).toBe(52);
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2015)).toBe(53);
    expect(weeksInYear(2027)).toBe(52);
    expect(parseIsoWeek("2026-W53")).toEqual({ year: 2026, week: 53 });
    expect(parseIsoWeek("2021-W53")).toBeNull();
  });

  it("parses and formats, refusing what is not a week", () => {
    expect(parseIsoWeek("2026-W47")).toEqual({ year: 2026, week: 47 });
    expect(formatIsoWeek({ year: 2026, week: 7 })).toBe("2026-W07");
    for (const bad of ["2026-W00", "2026-W54", "2026W47", "2026-W7", "latest", "", "x-W01"])
      expect(parseIsoWeek(bad)).toBeNull();
  });

  it("crosses year boundaries", () => {
    // 1 January 2021 is a Friday: it belongs to 2020-W53.
    expect(weekAt(new Date("2021-01-01T12:00:00Z"), "UTC")).toEqual({ year: 2020, week: 53 });
    expect(weekAt(new Date("2021-01-04T00:00:00Z"), "UTC")).toEqual({ year: 2021, week: 1 });
    // 29 December 2025 is a Monday: 2026-W01 begins then.
    expect(weekAt(new Date("2025-12-29T00:00:00Z"), "UTC")).toEqual({ year: 2026, week: 1 });
    expect(addWeeks({ year: 2020, week: 53 }, 1)).toEqual({ year: 2021, week: 1 });
    expect(addWeeks({ year: 2021, week: 1 }, -1)).toEqual({ year: 2020, week: 53 });
    expect(addWeeks({ year: 2027, week: 1 }, -1)).toEqual({ year: 2026, week: 53 });
  });

  it("spans Monday 00:00 to Sunday 23:59:59.999 in the time zone", () => {
    const utc = weekWindow({ year: 2026, week: 47 }, "UTC");
    expect(utc.from.toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(utc.to.toISOString()).toBe("2026-11-22T23:59:59.999Z");
    expect(utc.text).toBe("2026-W47");
    const paris = weekWindow({ year: 2026, week: 47 }, "Europe/Paris");
    expect(paris.from.toISOString()).toBe("2026-11-15T23:00:00.000Z");
    const tokyo = weekWindow({ year: 2021, week: 1 }, "Asia/Tokyo");
    expect(tokyo.from.toISOString()).toBe("2021-01-03T15:00:00.000Z");
  });

  it("is an hour shorter or longer across a DST change", () => {
    // Europe moves its clocks forward on 29 March 2026 (2026-W13) and back on 25 October (W43).
    const spring = weekWindow({ year: 2026, week: 13 }, "Europe/Berlin");
    expect(spring.from.toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(spring.to.getTime() + 1 - spring.from.getTime()).toBe(167 * HOUR);
    const autumn = weekWindow({ year: 2026, week: 43 }, "Europe/Berlin");
    expect(autumn.to.getTime() + 1 - autumn.from.getTime()).toBe(169 * HOUR);
    // New York changes at 02:00 on a Sunday too (8 March 2026): the week after starts at 04:00Z.
    const ny = weekWindow({ year: 2026, week: 11 }, "America/New_York");
    expect(ny.from.toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });

  it("resolves latest to the last complete week in the time zone", () => {
    const monday = new Date("2026-11-23T08:00:00Z");
    expect(latestCompleteWeek(monday, "UTC")).toEqual({ year: 2026, week: 47 });
    // Still Sunday evening in Los Angeles: W47 is not complete there yet.
    const early = new Date("2026-11-23T02:00:00Z");
    expect(latestCompleteWeek(early, "America/Los_Angeles")).toEqual({ year: 2026, week: 46 });
    expect(resolveWeek("latest", monday, "UTC")).toEqual({ year: 2026, week: 47 });
    expect(resolveWeek("2026-W01", monday, "UTC")).toEqual({ year: 2026, week: 1 });
    expect(resolveWeek("nope", monday, "UTC")).toBeNull();
  });
});
