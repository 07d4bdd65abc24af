// Quiet hours: a daily window in a time zone during which a channel's alerts wait.
import { zonedParts } from "@/lib/zoned-time";
import type { QuietHours } from "./config-values.ts";

/** Whether `at` falls in the window (start inclusive, end exclusive; it may wrap midnight). */
export function isQuietAt(at: Date, quiet: QuietHours | undefined, timeZone: string): boolean {
  if (!quiet) return false;
  const { hour, minute } = zonedParts(at, timeZone);
  const minutes = hour * 60 + minute;
  return quiet.start < quiet.end
    ? minutes >= quiet.start && minutes < quiet.end
    : minutes >= quiet.start || minutes < quiet.end;
}
