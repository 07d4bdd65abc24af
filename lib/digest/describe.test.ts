import { describe, expect, it } from "vitest";
import { relativeChange } from "./compare.ts";
import { changeText, describeChange, weekRange } from "./describe.ts";

describe("describeChange", () => {
  it("reads durations and counts as relative changes, rates in points", () => {
    expect(describeChange({ current: 600_000, previous: 300_000 }, "duration", "down")).toEqual({
      value: "10m 00s",
      previous: "5m 00s",
      arrow: "▲",
      delta: "+100.0%",
      tone: "bad",
    });
    expect(describeChange({ current: 0.81, previous: 0.87 }, "rate", "up")).toMatchObject({
      arrow: "▼",
      delta: "−6.0 pts",
      tone: "bad",
    });
    expect(describeChange({ current: 0.1, previous: 0.2 }, "rate", "down").tone).toBe("good");
    expect(describeChange({ current: 12, previous: 10 }, "count", "neither")).toMatchObject({
      arrow: "▲",
      delta: "+20.0%",
      tone: "neutral",
    });
  });

  it("says new, unchanged, or nothing when there is nothing to compare", () => {
    expect(describeChange({ current: 3, previous: 0 }, "count", "neither").delta).toBe("new");
    expect(describeChange({ current: 5, previous: 5 }, "count", "neither")).toMatchObject({
      arrow: "=",
      delta: "±0.0%",
    });
    expect(describeChange({ current: 5, previous: null }, "count", "neither")).toMatchObject({
      value: "5",
      previous: "—",
      arrow: "",
      delta: "",
    });
    expect(relativeChange({ current: null, previous: 3 })).toBeNull();
    expect(changeText({ current: 90_000, previous: null }, "duration", "down")).toBe("1m 30s");
    expect(changeText({ current: 90_000, previous: 60_000 }, "duration", "down")).toBe(
      "1m 30s ▲ +50.0% (was 1m 00s)",
    );
  });

  it("names the week's days in its time zone", () => {
    const window = { from: "2026-11-15T23:00:00.000Z", to: "2026-11-22T22:59:59.999Z" };
    expect(weekRange(window, "Europe/Paris")).toBe("Nov 16 – Nov 22, 2026");
    expect(weekRange(window, "UTC")).toBe("Nov 15 – Nov 22, 2026");
  });
});
