// Which `created` windows the run lists are read in. Windows are whole UTC days, halved until
// each holds at most one page of runs, so that:
// - every window is one request: its ETag covers all of it, and an unchanged window answers
//   304 (free of budget) however many runs it holds;
// - a window's URL stays the same from one pass to the next (aligned, not "now minus N"),
//   which is what lets the ETag match;
// - no window comes near GitHub's 1,000-result cap of filtered lists.
// Pure: the sync feeds it the creation times it has stored.

export const SECOND = 1000;
export const DAY = 86_400_000;

/** An inclusive range of creation times, in whole seconds (`to` ends on ...:59 of its second). */
export type Window = { from: number; to: number };

/** The UTC days covering [from, to]. */
export function dayWindows(from: number, to: number): Window[] {
  const out: Window[] = [];
  for (let day = Math.floor(from / DAY) * DAY; day <= to; day += DAY) {
    out.push({ from: day, to: day + DAY - SECOND });
  }
  return out;
}

/** The two halves of a window, split on a whole second; null when it is one second long. */
export function splitWindow(window: Window): [Window, Window] | null {
  const seconds = (window.to - window.from) / SECOND + 1;
  if (seconds < 2) return null;
  const middle = window.from + Math.floor(seconds / 2) * SECOND;
  return [
    { from: window.from, to: middle - SECOND },
    { from: middle, to: window.to },
  ];
}

/** How many of the sorted `times` lie in the window. */
function countIn(times: readonly number[], window: Window): number {
  const lower = (value: number) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((times[mid] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lower(window.to + SECOND) - lower(window.from);
}

/**
 * The windows to list, newest first: each day, halved while the runs already stored in it
 * (sorted `times`) exceed `target` or it is `knownFull` (it held more than a page when read,
 * counting runs that are not stored, such as GitHub's generated workflows').
 */
export function planWindows(
  days: readonly Window[],
  times: readonly number[],
  target: number,
  knownFull: (window: Window) => boolean = () => false,
) {
  const out: Window[] = [];
  const visit = (window: Window) => {
    const full = countIn(times, window) > target || knownFull(window);
    const halves = full ? splitWindow(window) : null;
    if (!halves) {
      out.push(window);
      return;
    }
    visit(halves[1]);
    visit(halves[0]);
  };
  for (const day of [...days].reverse()) visit(day);
  return out;
}

/** GitHub's `created` qualifier for a window. */
export function createdQualifier(window: Window): string {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  return `${iso(window.from)}..${iso(window.to)}`;
}

/**
 * Whether a sweep of the re-run horizon is due at `now`, the last one done at `swept`: also
 * when `swept` lies ahead of `now`, written before the wall clock moved back, which would
 * otherwise put off every sweep for as long as the clock jumped.
 */
export function isSweepDue(now: number, swept: number | null, everyMs: number): boolean {
  return swept === null || now - swept >= everyMs || swept > now;
}
