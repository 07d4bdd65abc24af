// When a rate condition began: the start of the longest recent stretch of items for which it
// holds. Pure; the flag rules give it their runs or cache restores, oldest first.

export type Item = { at: Date; bad: boolean };

/**
 * The time of the oldest item that begins a stretch running to the newest item in which
 * `holds(badCount, total)`; null when no such stretch exists. `items` are oldest first.
 */
export function recentStretchStart(
  items: readonly Item[],
  holds: (bad: number, total: number) => boolean,
): Date | null {
  let bad = 0;
  let start: Date | null = null;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (!item) continue;
    if (item.bad) bad++;
    if (holds(bad, items.length - i)) start = item.at;
  }
  return start;
}

/**
 * When a rate changed for the worse: the time of the item that starts the suffix whose bad rate
 * exceeds its prefix's by the most (one item at least on each side; the earliest on ties); null
 * with fewer than two items. `items` are oldest first.
 */
export function changePoint(items: readonly Item[]): Date | null {
  const totalBad = items.filter((item) => item.bad).length;
  let badBefore = 0;
  let best: { at: Date; jump: number } | null = null;
  for (let i = 1; i < items.length; i++) {
    if (items[i - 1]?.bad) badBefore++;
    const item = items[i];
    if (!item) continue;
    const jump = (totalBad - badBefore) / (items.length - i) - badBefore / i;
    if (!best || jump > best.jump) best = { at: item.at, jump };
  }
  return best?.at ?? null;
}
