import { describe, expect, it } from "vitest";
import {
  DEFAULT_PARAMS,
  isFiltered,
  overviewParamProblems,
  overviewQueryString,
  readOverviewParams,
  scopeOf,
} from "./overview-params.ts";

const read = (query: string) => {
  const params = new URLSearchParams(query);
  return readOverviewParams((name) => params.get(name));
};

describe("the Overview's URL", () => {
  it("reads the defaults from an empty query and writes none of them back", () => {
    expect(read("")).toEqual(DEFAULT_PARAMS);
    expect(overviewQueryString(DEFAULT_PARAMS)).toBe("");
    expect(isFiltered(DEFAULT_PARAMS)).toBe(false);
  });

  it("round-trips every filter and sort", () => {
    const query = "?window=7d&branch=*&repo=acme%2Fweb&flagged=1&q=ci+web&sort=duration&dir=asc";
    const params = read(query);
    expect(params).toEqual({
      window: "7d",
      branch: "*",
      repo: "acme/web",
      flagged: true,
      q: "ci web",
      sort: "duration",
      dir: "asc",
    });
    expect(overviewQueryString(params)).toBe(query);
    expect(isFiltered(params)).toBe(true);
    expect(scopeOf(params)).toEqual({ window: "7d", branch: "*" });
  });

  it("falls back to the defaults for values it does not know", () => {
    expect(read("window=2w&sort=nope&dir=sideways&flagged=yes")).toEqual(DEFAULT_PARAMS);
    // A column's own first direction is its default: success rate worst (lowest) first.
    expect(read("sort=successRate")).toMatchObject({ sort: "successRate", dir: "asc" });
    expect(overviewQueryString(read("sort=successRate"))).toBe("?sort=successRate");
    expect(scopeOf(DEFAULT_PARAMS)).toEqual({ window: "30d" });
  });
});

describe("the Overview's ignored parameters", () => {
  const problems = (query: string) => {
    const params = new URLSearchParams(query);
    return overviewParamProblems((name) => params.get(name));
  };

  it("names each value it ignored, with what the parameter takes", () => {
    const found = problems("window=bogus&branch=a..b&flagged=yes&sort=nope&dir=up&q=x");
    expect(found.map((p) => `${p.parameter}=${p.value}`)).toEqual([
      "window=bogus",
      "branch=a..b",
      "flagged=yes",
      "sort=nope",
      "dir=up",
    ]);
    expect(found[0]).toMatchObject({
      accepted: "24h, 7d, 30d or 90d",
      instead: "the last 30 days",
    });
    // The view shows the defaults for them.
    expect(read("window=bogus&branch=a..b")).toMatchObject({ window: "30d", branch: "" });
  });

  it("finds none in good or absent values", () => {
    expect(problems("")).toEqual([]);
    expect(problems("window=7d&branch=*&flagged=1&sort=duration&dir=asc&window=")).toEqual([]);
    expect(problems("branch=release/1.2")).toEqual([]);
  });
});
