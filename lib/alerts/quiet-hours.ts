// Quiet hours: a daily window in a time zone during which a channel's alerts wait.
import type { QuietHours } from "./config-values.ts";

/** Minutes after local midnight of `at` in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return value("hour") * 60 + value("minute");
}

/** Whether `at` falls in the window (start inclusive, end exclusive; it may wrap midnight). */
export function isQuietAt(at: Date, quiet: QuietHours | undefined, timeZone: string): boolean {
  if (!quiet) return false;
  const minutes = localMinutes(at, timeZone);
  return quiet.start < quiet.end
    ? minutes >= quiet.start && minutes < quiet.end
    : minutes >= quiet.start || minutes < quiet.end;
}
