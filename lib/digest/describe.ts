// How a change reads: `4m 12s ▲ +25.0%` for durations and counts (relative), `81.0% ▼ −6.0 pts`
// for rates (percentage points), with whether it is good or bad news. Pure; the page, the
// e-mail and the plain text share it.
import { formatCount, formatDuration, formatPercent } from "@/lib/format";
import { type Change, difference, relativeChange } from "./compare.ts";

export type Unit = "duration" | "count" | "rate";
/** Which way is good news: `up` (hit rate), `down` (durations), `neither` (CI time, runs). */
export type Better = "up" | "down" | "neither";
export type Tone = "good" | "bad" | "neutral";

/**
 * `value` this week's, `previous` the week before's; `arrow` ▲, ▼, = or empty (nothing to
 * compare); `delta` `+25.0%`, `−6.0 pts`, `new` or empty.
 */
export type DescribedChange = Record<"value" | "previous" | "arrow" | "delta", string> & {
  tone: Tone;
};

const format = (unit: Unit, value: number | null) =>
  unit === "duration"
    ? value === 0
      ? "0s"
      : formatDuration(value)
    : unit === "rate"
      ? formatPercent(value)
      : formatCount(value === null ? null : Math.round(value));

const signed = (value: number, digits: number) =>
  `${value > 0 ? "+" : value < 0 ? "−" : "±"}${Math.abs(value).toFixed(digits)}`;

export function describeChange(change: Change, unit: Unit, better: Better): DescribedChange {
  const base = { value: format(unit, change.current), previous: format(unit, change.previous) };
  const d = difference(change);
  if (d === null) return { ...base, arrow: "", delta: "", tone: "neutral" };
  const ratio = relativeChange(change);
  let delta: string;
  if (unit === "rate") delta = `${signed(d * 100, 1)} pts`;
  else if (ratio === null) delta = d === 0 ? "±0%" : "new";
  else delta = `${signed(ratio * 100, 1)}%`;
  const arrow = d > 0 ? "▲" : d < 0 ? "▼" : "=";
  const tone: Tone =
    d === 0 || better === "neither" ? "neutral" : d > 0 === (better === "up") ? "good" : "bad";
  return { ...base, arrow, delta, tone };
}

/** `4m 12s ▲ +25.0% (was 3m 22s)`; just the value when there is nothing to compare. */
export function changeText(change: Change, unit: Unit, better: Better): string {
  const c = describeChange(change, unit, better);
  return c.arrow ? `${c.value} ${c.arrow} ${c.delta} (was ${c.previous})` : c.value;
}

/** `Nov 16 – Nov 22, 2026` for the week's window in its time zone. */
export function weekRange(window: { from: string; to: string }, timeZone: string): string {
  const day = (at: string, year: boolean) =>
    new Date(at).toLocaleDateString("en-US", {
      timeZone,
      month: "short",
      day: "numeric",
      ...(year ? { year: "numeric" } : {}),
    });
  return `${day(window.from, false)} – ${day(window.to, true)}`;
}

/** The absolute address of a pipeline's page. */
export const pipelineUrl = (publicUrl: string, id: string) => `${publicUrl}/pipelines/${id}`;
/** The absolute address of a week's digest page. */
export const digestUrl = (publicUrl: string, week: string) => `${publicUrl}/digest/${week}`;
