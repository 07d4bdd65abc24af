import { describe, expect, it } from "vitest";
import type { FlakyTest } from "@/lib/metrics/flaky-tests";
import {
  DEFAULT_FILTERS,
  failureRate,
  filtersToSearch,
  parseTestFilters,
  searchTests,
  sortTests,
  testFilterProblems,
} from "./filters.ts";

const test = (name: string, extra: Partial<FlakyTest> = {}): FlakyTest => ({
  suite: "S",
  name,
  repo: "acme/api",
  pipelines: [],
  flakyShas: 1,
  retriedPasses: 0,
  failures: 1,
  passes: 9,
  lastSeenAt: "2026-11-26T10:00:00.000Z",
  lastFlakyAt: "2026-11-26T09:00:00.000Z",
  ...extra,
});

describe("the filters in the URL", () => {
  it("round-trip, leaving defaults out", () => {
    const filters = { window: "7d", repo: "acme/api", q: "login x", sort: "name", dir: "desc" };
    const search = filtersToSearch(filters as never);
    expect(search).toBe("?window=7d&repo=acme%2Fapi&q=login+x&sort=name&dir=desc");
    expect(parseTestFilters(new URLSearchParams(search))).toEqual(filters);
    expect(filtersToSearch(DEFAULT_FILTERS)).toBe("");
    expect(filtersToSearch({ ...DEFAULT_FILTERS, sort: "name", dir: "asc" })).toBe("?sort=name");
  });

  it("fall back to the defaults for anything unknown", () => {
    expect(
      parseTestFilters({ window: "8d", repo: "nonsense", sort: "x", dir: "up", q: ["a", "b"] }),
    ).toEqual({ ...DEFAULT_FILTERS, q: "a" });
    expect(parseTestFilters({ sort: "lastSeen" })).toMatchObject({ dir: "desc" });
  });
});

describe("search and sort", () => {
  const a = test("login", { flakyShas: 3, failures: 5, passes: 5 });
  const b = test("checkout", {
    suite: "Cart",
    retriedPasses: 1,
    lastFlakyAt: "2026-11-26T11:00:00Z",
  });
  const c = test("search", { repo: "acme/web", failures: 0, passes: 0 });

  it("search every word in the repository, suite and name, any case", () => {
    expect(searchTests([a, b, c], "CART check")).toEqual([b]);
    expect(searchTests([a, b, c], "acme/web")).toEqual([c]);
    expect(searchTests([a, b, c], "  ")).toEqual([a, b, c]);
  });

  it("sort by each column both ways, ties in the API's order", () => {
    const names = (tests: FlakyTest[]) => tests.map((t) => t.name);
    expect(names(sortTests([a, b, c], "flaky", "desc"))).toEqual(["login", "checkout", "search"]);
    expect(names(sortTests([a, b, c], "flaky", "asc"))).toEqual(["search", "checkout", "login"]);
    expect(names(sortTests([a, b, c], "name", "asc"))).toEqual(["checkout", "login", "search"]);
    expect(names(sortTests([a, b, c], "name", "desc"))).toEqual(["search", "login", "checkout"]);
    expect(names(sortTests([a, b, c], "failures", "desc"))).toEqual([
      "login",
      "checkout",
      "search",
    ]);
    expect(names(sortTests([a, b, c], "lastFlaky", "desc"))).toEqual([
      "checkout",
      "login",
      "search",
    ]);
    expect(failureRate(c)).toBeNull();
    expect(failureRate(a)).toBe(0.5);
  });
});

describe("the Flaky tests page's ignored parameters", () => {
  it("names each value parseTestFilters ignored, none of the good ones", () => {
    const found = testFilterProblems({ window: "24h", repo: "nope", sort: "x", dir: "up", q: "a" });
    expect(found.map((p) => p.parameter)).toEqual(["window", "repo", "sort", "dir"]);
    expect(found[0]).toMatchObject({ value: "24h", accepted: "7d, 30d or 90d" });
    expect(
      testFilterProblems({ window: "7d", repo: "acme/api", sort: "name", dir: "asc" }),
    ).toEqual([]);
  });
});
