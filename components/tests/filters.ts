// The Flaky tests page's filters and sort, kept in the URL (`?window=7d&repo=acme/api&q=login
// &sort=failures&dir=asc`, defaults left out), and the search and sort applied to the listed tests.
import { type ParamProblem, paramProblem } from "@/components/ui/param-notice";
import type { FlakyTest } from "@/lib/metrics/flaky-tests";

export const WINDOWS = ["7d", "30d", "90d"] as const;
export type TestsWindow = (typeof WINDOWS)[number];

export const WINDOW_LABELS: Record<TestsWindow, string> = {
  "7d": "last 7 days",
  "30d": "last 30 days",
  "90d": "last 90 days",
};

export const SORTS = ["flaky", "name", "failures", "lastFlaky", "lastSeen"] as const;
export type SortKey = (typeof SORTS)[number];
export type SortDir = "asc" | "desc";

export type TestFilters = {
  window: TestsWindow;
  /** owner/name, or "" for every repository. */
  repo: string;
  /** Words the suite, name or repository contains. */
  q: string;
  sort: SortKey;
  dir: SortDir;
};

export const DEFAULT_FILTERS: TestFilters = {
  window: "30d",
  repo: "",
  q: "",
  sort: "flaky",
  dir: "desc",
};

/** The direction a column sorts in first: names A to Z, numbers and times biggest first. */
export function firstDir(sort: SortKey): SortDir {
  return sort === "name" ? "asc" : "desc";
}

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function param(params: Params, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  return (Array.isArray(value) ? value[0] : value) ?? undefined;
}

const oneOf = <T extends string, F>(values: readonly T[], value: string | undefined, fallback: F) =>
  values.find((v) => v === value) ?? fallback;

const REPO_PATTERN = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

/** The filters a URL's query holds; anything unknown or malformed falls back to its default. */
export function parseTestFilters(params: Params): TestFilters {
  const repo = param(params, "repo") ?? "";
  const sort = oneOf(SORTS, param(params, "sort"), DEFAULT_FILTERS.sort);
  return {
    window: oneOf(WINDOWS, param(params, "window"), DEFAULT_FILTERS.window),
    repo: REPO_PATTERN.test(repo) ? repo : "",
    q: (param(params, "q") ?? "").slice(0, 200),
    sort,
    dir: oneOf(["asc", "desc"] as const, param(params, "dir"), firstDir(sort)),
  };
}

/** The parameters of a URL's query that parseTestFilters ignored, for the page to say so. */
export function testFilterProblems(params: Params): ParamProblem[] {
  const get = (name: string) => param(params, name);
  return [
    ...paramProblem(
      get,
      "window",
      (v) => oneOf(WINDOWS, v, null) !== null,
      "7d, 30d or 90d",
      "the last 30 days",
    ),
    ...paramProblem(
      get,
      "repo",
      (v) => REPO_PATTERN.test(v),
      "a tracked repository as owner/name",
      "every repository",
    ),
    ...paramProblem(
      get,
      "sort",
      (v) => oneOf(SORTS, v, null) !== null,
      SORTS.join(", "),
      "the flakiest first",
    ),
    ...paramProblem(
      get,
      "dir",
      (v) => v === "asc" || v === "desc",
      "asc or desc",
      "the column's first order",
    ),
  ];
}

/** The query string of `filters` (`?…`, or "" when all are defaults), in a stable order. */
export function filtersToSearch(filters: TestFilters): string {
  const query = new URLSearchParams();
  if (filters.window !== DEFAULT_FILTERS.window) query.set("window", filters.window);
  if (filters.repo) query.set("repo", filters.repo);
  if (filters.q.trim()) query.set("q", filters.q);
  if (filters.sort !== DEFAULT_FILTERS.sort) query.set("sort", filters.sort);
  if (filters.dir !== firstDir(filters.sort)) query.set("dir", filters.dir);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** Failures among the test's failed and passed results; null without any. */
export function failureRate(test: FlakyTest): number | null {
  const results = test.failures + test.passes;
  return results === 0 ? null : test.failures / results;
}

/** How flaky: the API's order (flaky SHAs plus passes after a retry). */
export const flakiness = (test: FlakyTest) => test.flakyShas + test.retriedPasses;

/** The tests whose repository, suite or name contain every word of `q` (any case). */
export function searchTests(tests: FlakyTest[], q: string): FlakyTest[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return tests;
  return tests.filter((t) => {
    const text = `${t.repo} ${t.suite} ${t.name}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

const COMPARE: Record<SortKey, (a: FlakyTest, b: FlakyTest) => number> = {
  flaky: (a, b) => flakiness(a) - flakiness(b) || a.lastFlakyAt.localeCompare(b.lastFlakyAt),
  name: (a, b) => a.name.localeCompare(b.name) || a.suite.localeCompare(b.suite),
  failures: (a, b) => (failureRate(a) ?? -1) - (failureRate(b) ?? -1) || a.failures - b.failures,
  lastFlaky: (a, b) => a.lastFlakyAt.localeCompare(b.lastFlakyAt),
  lastSeen: (a, b) => a.lastSeenAt.localeCompare(b.lastSeenAt),
};

/**
 * `tests` sorted by `sort` in `dir` (ascending: smallest, oldest or A first); ties keep the
 * API's order (flakiest first).
 */
export function sortTests(tests: FlakyTest[], sort: SortKey, dir: SortDir): FlakyTest[] {
  const sign = dir === "asc" ? 1 : -1;
  const compare = COMPARE[sort];
  return tests
    .map((test, index) => ({ test, index }))
    .sort((a, b) => sign * compare(a.test, b.test) || a.index - b.index)
    .map(({ test }) => test);
}

/** A stable key for a test: its repository, suite and name. */
export function testKey(test: Pick<FlakyTest, "repo" | "suite" | "name">): string {
  return JSON.stringify([test.repo, test.suite, test.name]);
}
