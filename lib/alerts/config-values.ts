// The validators of the alert settings (ALERT_* variables and the PIPEWATCH_ALERTS_FILE channels).
import { z } from "zod";

/** Minutes after midnight, both ends; `start > end` wraps past midnight (22:00-07:00). */
export type QuietHours = { start: number; end: number };

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(clock: string): number | null {
  const match = CLOCK.exec(clock.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** `HH:MM-HH:MM` in 24-hour time, e.g. `22:00-07:00`; null when it is not one. */
export function parseQuietHours(value: string): QuietHours | null {
  const [from = "", to = "", ...rest] = value.split("-");
  const start = minutesOf(from);
  const end = minutesOf(to);
  if (rest.length > 0 || start === null || end === null || start === end) return null;
  return { start, end };
}

export const quietHours = z.string().transform((value, ctx) => {
  const parsed = parseQuietHours(value);
  if (parsed) return parsed;
  ctx.addIssue({
    code: "custom",
    message: "must be HH:MM-HH:MM in 24-hour time, e.g. 22:00-07:00",
  });
  return z.NEVER;
});

export const severity = z.enum(["warning", "critical"]);
