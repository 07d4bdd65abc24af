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

/** An IANA time zone name the runtime knows (Europe/Berlin, UTC). */
export const timeZone = z.string().refine((value) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Europe/Berlin or UTC");

export const severity = z.enum(["warning", "critical"]);

export const emailList = z.string().transform((value, ctx) => {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const bad = entries.find((entry) => !z.email().safeParse(entry).success);
  if (entries.length === 0 || bad !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: bad
        ? `must list e-mail addresses; "${bad}" is not one`
        : "must list e-mail addresses",
    });
    return z.NEVER;
  }
  return entries;
});
