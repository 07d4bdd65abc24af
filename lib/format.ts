// Numbers and times for people: `4m 12s`, `93.4%`, `3 days ago`. Pure, shared by the pages,
// the TV wall and the digest; exact values go in titles beside them.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `850ms`, `42s`, `4m 12s`, `1h 05m`, `3d 4h`; `—` for null. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const abs = Math.abs(ms);
  const sign = ms < 0 ? "−" : "";
  if (abs < SECOND) return `${sign}${Math.round(abs)}ms`;
  const s = Math.round(abs / SECOND);
  if (s < 60) return `${sign}${s}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  if (s < 86400)
    return `${sign}${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  return `${sign}${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** `93.4%` (one decimal, `100%` and `0%` exact); `—` for null. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "—";
  if (rate === 1) return "100%";
  if (rate === 0) return "0%";
  const value = (rate * 100).toFixed(1);
  // Never round a non-zero rate to 0.0% or a non-perfect one to 100.0%.
  if (value === "0.0") return "<0.1%";
  if (value === "100.0") return ">99.9%";
  return `${value}%`;
}

/** `just now`, `5 minutes ago`, `3 days ago`, `in 2 hours`; `never` for null. */
export function formatRelative(at: string | number | Date | null | undefined, now: number): string {
  if (at === null || at === undefined) return "never";
  const then = new Date(at).getTime();
  if (!Number.isFinite(then)) return "—";
  const diff = now - then;
  const abs = Math.abs(diff);
  if (abs < 45 * SECOND) return "just now";
  const [value, unit] =
    abs < 45 * MINUTE
      ? [Math.round(abs / MINUTE), "minute"]
      : abs < 36 * HOUR
        ? [Math.round(abs / HOUR), "hour"]
        : abs < 45 * DAY
          ? [Math.round(abs / DAY), "day"]
          : [Math.round(abs / (30 * DAY)), "month"];
  const text = `${value} ${unit}${value === 1 ? "" : "s"}`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** The exact instant in UTC, for a title attribute: `2026-11-26 12:00:05 UTC`. */
export function formatUtc(at: string | number | Date): string {
  return `${new Date(at).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A count with thousands separators: `12,345`. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : n.toLocaleString("en-US");
}

/**
 * A compact duration for chart axes and reference lines: `45s`, `10m`, `4m 30s`, `1h`, `1h 30m`,
 * `2d`; the zero seconds or minutes left out. `—` for null.
 */
export function formatDurationShort(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  const s = Math.round(Math.abs(ms) / SECOND);
  const sign = ms < 0 && s > 0 ? "−" : "";
  const parts =
    s < 60
      ? [`${s}s`]
      : s < 3600
        ? [`${Math.floor(s / 60)}m`, s % 60 ? `${s % 60}s` : ""]
        : s < 86400
          ? [`${Math.floor(s / 3600)}h`, s % 3600 >= 60 ? `${Math.floor((s % 3600) / 60)}m` : ""]
          : [
              `${Math.floor(s / 86400)}d`,
              s % 86400 >= 3600 ? `${Math.floor((s % 86400) / 3600)}h` : "",
            ];
  return sign + parts.filter(Boolean).join(" ");
}

/**
 * A date and time in `timeZone` (the viewer's when left out), 24-hour: `Nov 26, 21:04`; with
 * the year when it is not `now`'s year: `Dec 31, 2025, 23:59`.
 */
export function formatDateTime(
  at: string | number | Date,
  options: { timeZone?: string; now?: number } = {},
): string {
  return formatCalendar(at, options, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

/** A day in `timeZone` (the viewer's when left out): `Oct 27`; `Dec 31, 2025` in another year. */
export function formatDay(
  at: string | number | Date,
  options: { timeZone?: string; now?: number } = {},
): string {
  return formatCalendar(at, options, {});
}

/**
 * `at` as month and day, plus `parts`, in `timeZone`; the year only when it differs from
 * `now`'s there, since a dashboard's dates are nearly always this year's.
 */
function formatCalendar(
  at: string | number | Date,
  options: { timeZone?: string; now?: number },
  parts: Intl.DateTimeFormatOptions,
): string {
  const date = new Date(at);
  if (!Number.isFinite(date.getTime())) return "—";
  const year = (d: Date) =>
    new Intl.DateTimeFormat("en-US", { year: "numeric", timeZone: options.timeZone }).format(d);
  const sameYear = year(date) === year(new Date(options.now ?? Date.now()));
  return new Intl.DateTimeFormat("en-US", {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
    ...parts,
    timeZone: options.timeZone,
  }).format(date);
}

/** The time of day in `timeZone` (the viewer's when left out), 24-hour with seconds: `21:04:05`. */
export function formatTimeOfDay(at: string | number | Date, options: { timeZone?: string } = {}) {
  const date = new Date(at);
  if (!Number.isFinite(date.getTime())) return "—";
  return new Intl.DateTimeFormat("en-US", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZone: options.timeZone,
  }).format(date);
}
