import { describe, expect, it } from "vitest";
import { parseBranch, parseWindow, ScopeError } from "./scope.ts";

const NOW = new Date("2026-11-26T12:00:00Z");

describe("parseWindow", () => {
  it("reads hours and days, 30 days by default", () => {
    expect(parseWindow("24h", NOW).from.toISOString()).toBe("2026-11-25T12:00:00.000Z");
    expect(parseWindow("7d", NOW).from.toISOString()).toBe("2026-11-19T12:00:00.000Z");
    expect(parseWindow(undefined, NOW)).toEqual({
      from: new Date("2026-10-27T12:00:00Z"),
      to: NOW,
      text: "30d",
    });
  });

  it.each(["", "0d", "30", "1w", "-1d", "401d", "1.5d", "30 d"])(
    "refuses %j, naming the parameter",
    (text) => {
      expect(() => parseWindow(text, NOW)).toThrow(ScopeError);
      try {
        parseWindow(text, NOW);
      } catch (error: unknown) {
        expect((error as ScopeError).parameter).toBe("window");
      }
    },
  );
});

describe("parseBranch", () => {
  it("is the default branch when absent, every branch for *, else the name", () => {
    expect(parseBranch(undefined)).toEqual({ kind: "default" });
    expect(parseBranch("*")).toEqual({ kind: "all" });
    expect(parseBranch("release/2.x")).toEqual({ kind: "name", name: "release/2.x" });
  });

  it.each(["a b", "a..b", "x~1", "ref^", "a:b", "/a", "a/", "x.lock", "a@{1}", "a\u0001b"])(
    "refuses %j",
    (text) => {
      expect(() => parseBranch(text)).toThrow(/branch must be/);
    },
  );
});
