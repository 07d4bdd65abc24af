// The TV wall's settings as its URL holds them, so each screen shows its own team:
// `repos` (owner/name or owner/*, comma-separated), `flagged=1` (only what needs attention; the
// healthy ones as a count), `page-seconds` (how long a page shows) and `theme` (dark, light).
// Pure: a value it does not take falls back to the default, and the page says so.
import { type ParamProblem, paramProblem } from "@/components/ui/param-notice";

export const THEMES = ["dark", "light"] as const;
export type WallTheme = (typeof THEMES)[number];

export const PAGE_SECONDS = { default: 20, min: 5, max: 600 } as const;

export type WallParams = {
  repos: string[];
  flagged: boolean;
  pageSeconds: number;
  theme: WallTheme;
};

export const DEFAULT_WALL_PARAMS: WallParams = {
  repos: [],
  flagged: false,
  pageSeconds: PAGE_SECONDS.default,
  theme: "dark",
};

type Get = (name: string) => string | null | undefined;

const REPO = /^[A-Za-z0-9][A-Za-z0-9-]*\/([A-Za-z0-9._-]+|\*)$/;

function readRepos(value: string): string[] | null {
  const repos = value
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  return repos.length > 0 && repos.every((r) => REPO.test(r)) ? repos : null;
}

function readSeconds(value: string): number | null {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= PAGE_SECONDS.min && n <= PAGE_SECONDS.max ? n : null;
}

export function readWallParams(get: Get): WallParams {
  const text = (name: string) => get(name)?.trim() ?? "";
  const theme = THEMES.find((t) => t === text("theme"));
  return {
    repos: readRepos(text("repos")) ?? DEFAULT_WALL_PARAMS.repos,
    flagged: text("flagged") === "1",
    pageSeconds: readSeconds(text("page-seconds")) ?? DEFAULT_WALL_PARAMS.pageSeconds,
    theme: theme ?? DEFAULT_WALL_PARAMS.theme,
  };
}

/** The parameters readWallParams ignored, for the wall to say so. */
export function wallParamProblems(get: Get): ParamProblem[] {
  return [
    ...paramProblem(
      get,
      "repos",
      (v) => readRepos(v) !== null,
      "owner/name or owner/*, comma-separated",
      "every repository",
    ),
    ...paramProblem(get, "flagged", (v) => v === "1" || v === "0", "1 or 0", "every pipeline"),
    ...paramProblem(
      get,
      "page-seconds",
      (v) => readSeconds(v) !== null,
      `a whole number of seconds from ${PAGE_SECONDS.min} to ${PAGE_SECONDS.max}`,
      `each page for ${PAGE_SECONDS.default} seconds`,
    ),
    ...paramProblem(
      get,
      "theme",
      (v) => THEMES.some((t) => t === v),
      THEMES.join(" or "),
      "the dark theme",
    ),
  ];
}
