// ISO 8601 weeks (`2026-W47`: Monday to Sunday, week 1 holds the year's first Thursday) and
// their windows in a time zone. Pure: the digest's page, e-mail, CLI and schedule share them.
import type { Window } from "@/lib/metrics/scope";
import { zonedParts } from "@/lib/zoned-time";

export type IsoWeek = { year: number; week: number };

const DAY = 86_400_000;

/** 53 when the year's 1 January is a Thursday, or a Wednesday in a leap year; else 52. */
export function weeksInYear(year: number): number {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** `2026-W47`. */
export function formatIsoWeek({ year, week }: IsoWeek): string {
  return `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`;
}

/** Parses `2026-W47` (also `2026-w47`); null when it is not a week that exists. */
export function parseIsoWeek(text: string): IsoWeek | null {
  const match = /^(\d{4})-[Ww](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (year < 1970 || week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

/** The Monday of the week, as a UTC midnight (a calendar date, not an instant). */
function mondayOf({ year, week }: IsoWeek): number {
  const jan4 = Date.UTC(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - weekday * DAY + (week - 1) * 7 * DAY;
}

/** The ISO week of a calendar date given as its UTC midnight. */
function weekOfDate(date: number): IsoWeek {
  const weekday = (new Date(date).getUTCDay() + 6) % 7;
  // The week's Thursday decides its year.
  const thursday = new Date(date + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return { year, week };
}

export function addWeeks(week: IsoWeek, weeks: number): IsoWeek {
  return weekOfDate(mondayOf(week) + weeks * 7 * DAY);
}

export function compareWeeks(a: IsoWeek, b: IsoWeek): number {
  return a.year - b.year || a.week - b.week;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `at`, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const p = zonedParts(new Date(at), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * The instant at which `timeZone`'s wall clock shows midnight of the calendar date `date` (a
 * UTC midnight): the offset at a first guess, then at the instant it gives, which is right
 * unless the offset changes within those hours at midnight itself.
 */
function zonedMidnight(date: number, timeZone: string): Date {
  const guess = date - offsetAt(date, timeZone);
  return new Date(date - offsetAt(guess, timeZone));
}

/**
 * The week as a metrics window: from its Monday 00:00 to just before the next Monday 00:00 in
 * `timeZone` (windows include their end). 167, 168 or 169 hours across a DST change.
 */
export function weekWindow(week: IsoWeek, timeZone: string): Window {
  const monday = mondayOf(week);
  const from = zonedMidnight(monday, timeZone);
  const next = zonedMidnight(monday + 7 * DAY, timeZone);
  return { from, to: new Date(next.getTime() - 1), text: formatIsoWeek(week) };
}

/** The week that holds `at` in `timeZone`. */
export function weekAt(at: Date, timeZone: string): IsoWeek {
  const p = zonedParts(at, timeZone);
  return weekOfDate(Date.UTC(p.year, p.month - 1, p.day));
}

/** `latest`: the last complete week at `now` in `timeZone` (the one before the current week). */
export function latestCompleteWeek(now: Date, timeZone: string): IsoWeek {
  return addWeeks(weekAt(now, timeZone), -1);
}

/** A week from a URL or the command line: `2026-W47` or `latest`; null when invalid. */
export function resolveWeek(text: string, now: Date, timeZone: string): IsoWeek | null {
  return text.trim().toLowerCase() === "latest"
    ? latestCompleteWeek(now, timeZone)
    : parseIsoWeek(text);
}
