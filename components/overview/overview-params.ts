// The Overview's state as its URL holds it (so a view can be shared and survives a reload):
// scope (window, branch), filters (repository, flagged only, search) and sort. Pure: the server
// page reads it to fetch the first data, the client view to render and to update the URL.

import { type ParamProblem, paramProblem } from "@/components/ui/param-notice";
import { parseBranch } from "@/lib/metrics/scope";

export const WINDOWS = ["24h", "7d", "30d", "90d"] as const;
export type OverviewWindow = (typeof WINDOWS)[number];

/** `attention` is the default order: flagged first, by severity, then by impact. */
export const SORT_KEYS = [
  "attention",
  "pipeline",
  "lastRun",
  "successRate",
  "duration",
  "cache",
  "flaky",
  "lastSuccess",
  "lastDeploy",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export type OverviewParams = {
  window: OverviewWindow;
  /** "" for each repository's default branch, `*` for all, else a branch name. */
  branch: string;
  /** "" for every repository, else `owner/name`. */
  repo: string;
  flagged: boolean;
  q: string;
  sort: SortKey;
  dir: SortDir;
};

export const DEFAULT_WINDOW: OverviewWindow = "30d";

/**
 * The direction a column sorts in when first chosen: the worst first where there is a worst
 * (lowest success and cache hit rates, slowest, flakiest, longest since a success or a deploy),
 * the newest run first, names A to Z.
 */
export const FIRST_DIR: Record<SortKey, SortDir> = {
  attention: "desc",
  pipeline: "asc",
  lastRun: "asc",
  successRate: "asc",
  duration: "desc",
  cache: "asc",
  flaky: "desc",
  lastSuccess: "desc",
  lastDeploy: "desc",
};

export const DEFAULT_PARAMS: OverviewParams = {
  window: DEFAULT_WINDOW,
  branch: "",
  repo: "",
  flagged: false,
  q: "",
  sort: "attention",
  dir: FIRST_DIR.attention,
};

const oneOf = <T extends string, F>(
  values: readonly T[],
  value: string | null | undefined,
  fallback: F,
): T | F => values.find((v) => v === value) ?? fallback;

/** Whether the API takes `branch` (git's rules for a branch name, or `*`). */
function isBranch(branch: string): boolean {
  try {
    parseBranch(branch);
    return true;
  } catch {
    return false;
  }
}

type Get = (name: string) => string | null | undefined;

/** The state from a URL's query (`get` returns a parameter's first value); unknown values fall back to the defaults. */
export function readOverviewParams(get: Get): OverviewParams {
  const text = (name: string) => get(name)?.trim() ?? "";
  const sort = oneOf(SORT_KEYS, text("sort"), DEFAULT_PARAMS.sort);
  return {
    window: oneOf(WINDOWS, text("window"), DEFAULT_WINDOW),
    branch: isBranch(text("branch")) ? text("branch") : "",
    repo: text("repo"),
    flagged: text("flagged") === "1",
    q: get("q") ?? "",
    sort,
    dir: oneOf(["asc", "desc"] as const, text("dir"), FIRST_DIR[sort]),
  };
}

/** The parameters of a URL's query that readOverviewParams ignored, for the page to say so. */
export function overviewParamProblems(get: Get): ParamProblem[] {
  const sort = oneOf(SORT_KEYS, get("sort")?.trim(), DEFAULT_PARAMS.sort);
  return [
    ...paramProblem(
      get,
      "window",
      (v) => oneOf(WINDOWS, v, null) !== null,
      "24h, 7d, 30d or 90d",
      "the last 30 days",
    ),
    ...paramProblem(
      get,
      "branch",
      isBranch,
      "a branch name, or * for every branch",
      "each repository's default branch",
    ),
    ...paramProblem(get, "flagged", (v) => v === "1" || v === "0", "1 or 0", "every pipeline"),
    ...paramProblem(
      get,
      "sort",
      (v) => oneOf(SORT_KEYS, v, null) !== null,
      SORT_KEYS.join(", "),
      "flagged pipelines first",
    ),
    ...paramProblem(
      get,
      "dir",
      (v) => v === "asc" || v === "desc",
      "asc or desc",
      `the column's first order (${FIRST_DIR[sort] === "asc" ? "ascending" : "descending"})`,
    ),
  ];
}

/** The query string of `params` (with its `?`, or "" for the defaults), default values left out. */
export function overviewQueryString(params: OverviewParams): string {
  const query = new URLSearchParams();
  if (params.window !== DEFAULT_WINDOW) query.set("window", params.window);
  if (params.branch) query.set("branch", params.branch);
  if (params.repo) query.set("repo", params.repo);
  if (params.flagged) query.set("flagged", "1");
  if (params.q) query.set("q", params.q);
  if (params.sort !== DEFAULT_PARAMS.sort) query.set("sort", params.sort);
  if (params.dir !== FIRST_DIR[params.sort]) query.set("dir", params.dir);
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** The API's scope parameters for `params` (the same for the server's first fetch and the hooks). */
export function scopeOf(params: Pick<OverviewParams, "window" | "branch">): {
  window: string;
  branch?: string;
} {
  return params.branch
    ? { window: params.window, branch: params.branch }
    : { window: params.window };
}

/** Whether the filters (not the scope or sort) hide some pipelines. */
export function isFiltered(params: OverviewParams): boolean {
  return params.repo !== "" || params.flagged || params.q.trim() !== "";
}
