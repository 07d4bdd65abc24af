// The scope of a metrics query: a window of run creation times ending now, and a branch.
// Pure; the queries turn it into SQL.

export type Window = { from: Date; to: Date; text: string };

/** `default`: each repository's default branch; `*`: every branch; else one branch name. */
export type BranchScope = { kind: "default" } | { kind: "all" } | { kind: "name"; name: string };

export type Scope = { window: Window; branch: BranchScope };

const HOUR = 3600_000;
const MAX_HOURS = 400 * 24;

export class ScopeError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses `Nh` or `Nd` (1 hour to 400 days) into the window ending at `now`. */
export function parseWindow(text: string | undefined, now: Date): Window {
  const value = (text ?? "30d").trim();
  const match = /^(\d{1,5})([hd])$/.exec(value);
  const hours = match ? Number(match[1]) * (match[2] === "d" ? 24 : 1) : Number.NaN;
  if (!match || !(hours >= 1 && hours <= MAX_HOURS))
    throw new ScopeError(
      "window",
      `window must be a number of hours or days such as 24h, 7d or 30d (at most 400d), got "${value}"`,
    );
  return { from: new Date(now.getTime() - hours * HOUR), to: now, text: value };
}

/** Parses the branch parameter: absent for the default branch, `*` for all, else a name. */
export function parseBranch(text: string | undefined): BranchScope {
  if (text === undefined || text === "") return { kind: "default" };
  if (text === "*") return { kind: "all" };
  // Git refuses these in branch names (git check-ref-format); so do we.
  const control = [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (text.length > 255 || control || /[\s~^:?*[\\]|\.\.|@\{|^\/|\/$|\.lock$/.test(text))
    throw new ScopeError("branch", `branch must be a branch name or *, got "${text}"`);
  return { kind: "name", name: text };
}
