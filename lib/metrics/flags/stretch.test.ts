import { describe, expect, it } from "vitest";
import { changePoint, recentStretchStart } from "./stretch.ts";

const items = (pattern: string) =>
  [...pattern].map((c, i) => ({ at: new Date(Date.UTC(2026, 10, 1 + i)), bad: c === "x" }));
const day = (n: number) => new Date(Date.UTC(2026, 10, n));
const overHalf = (bad: number, total: number) => bad / total > 0.5;

describe("recentStretchStart", () => {
  it("finds the oldest start of a stretch to the newest item where the condition holds", () => {
    // ....xxxx: 4 bad of 5 from day 4, 4 of 6 from day 3, 4 of 7 from day 2; 4 of 8 from
    // day 1 is not over half: day 2.
    expect(recentStretchStart(items("....xxxx"), overHalf)).toEqual(day(2));
  });

  it("is null when the condition never holds, and when there are no items", () => {
    expect(recentStretchStart(items("xxx....."), overHalf)).toBeNull();
    expect(recentStretchStart([], overHalf)).toBeNull();
  });

  it("takes the whole history when the condition holds over all of it", () => {
    expect(recentStretchStart(items("x.xx"), overHalf)).toEqual(day(1));
  });

  it("looks past a recent good item when the longer stretch still holds", () => {
    // x x x . : from day 1, 3 bad of 4.
    expect(recentStretchStart(items("xxx."), overHalf)).toEqual(day(1));
  });
});

describe("changePoint", () => {
  it("splits where the bad rate after exceeds the rate before by the most", () => {
    // Twelve good but one, then eight bad: the break is at the first of the eight (day 13).
    expect(changePoint(items("....x.......xxxxxxxx"))).toEqual(day(13));
    expect(changePoint(items("....xxxx"))).toEqual(day(5));
  });

  it("is null with fewer than two items and the earliest split on ties", () => {
    expect(changePoint(items("x"))).toBeNull();
    expect(changePoint([])).toBeNull();
    expect(changePoint(items("...."))).toEqual(day(2));
  });
});
