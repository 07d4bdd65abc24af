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
