// A five-field cron expression (minute hour day-of-month month day-of-week), matched against
// the wall clock of a time zone: `*`, lists, ranges and steps (`*/15`, `1-5`, `0,30`); day of
// week 0-7 (0 and 7 are Sunday). As in cron, when both day fields are restricted a day matches
// either. Pure; the worker uses it for DIGEST_CRON.
import { zonedParts } from "@/lib/zoned-time";

export type Cron = {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Whether day of month and day of week were restricted (not `*`). */
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
};

export class CronError extends Error {}

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new CronError(`bad ${field.name} "${part}"`);
    const star = match[1] === "*";
    const from = star ? field.min : Number(match[2]);
    const to = star ? field.max : match[3] !== undefined ? Number(match[3]) : from;
    const step = match[4] !== undefined ? Number(match[4]) : 1;
    // `5/10` means from 5 to the end, every 10, as in Vixie cron.
    const end = !star && match[3] === undefined && match[4] !== undefined ? field.max : to;
    if (from < field.min || end > field.max || from > end || step < 1)
      throw new CronError(`${field.name} "${part}" is outside ${field.min}-${field.max}`);
    for (let v = from; v <= end; v += step) values.add(v);
  }
  return values;
}

/** Parses `0 8 * * 1`; throws CronError naming the bad field. */
export function parseCron(expression: string): Cron {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    throw new CronError(`expected 5 fields (minute hour day month weekday), got ${fields.length}`);
  const [minutes, hours, days, months, weekdays] = FIELDS.map((f, i) =>
    parseField(fields[i] ?? "", f),
  ) as [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];
  if (weekdays.has(7)) weekdays.add(0);
  return {
    minutes,
    hours,
    days,
    months,
    weekdays,
    daysRestricted: !(fields[2] ?? "").startsWith("*"),
    weekdaysRestricted: !(fields[4] ?? "").startsWith("*"),
  };
}

/** Whether the minute holding `at` matches, on `timeZone`'s wall clock. */
export function cronMatches(cron: Cron, at: Date, timeZone: string): boolean {
  const p = zonedParts(at, timeZone);
  if (!cron.minutes.has(p.minute) || !cron.hours.has(p.hour) || !cron.months.has(p.month))
    return false;
  const day = cron.days.has(p.day);
  const weekday = cron.weekdays.has(p.weekday);
  if (cron.daysRestricted && cron.weekdaysRestricted) return day || weekday;
  return day && weekday;
}

const MINUTE = 60_000;

/**
 * The latest minute in (`after`, `now`] at which the schedule fires, or null. The worker asks
 * with `after` its previous check (a week back on start), so each minute is tested once.
 */
export function lastFireBetween(cron: Cron, after: Date, now: Date, timeZone: string): Date | null {
  const floor = after.getTime();
  for (let t = Math.floor(now.getTime() / MINUTE) * MINUTE; t > floor; t -= MINUTE) {
    const at = new Date(t);
    if (cronMatches(cron, at, timeZone)) return at;
  }
  return null;
}
