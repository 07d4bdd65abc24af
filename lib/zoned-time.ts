// Wall-clock time in an IANA time zone, for what runs on a local schedule: the digest's weeks
// and cron (lib/digest) and the alerts' quiet hours (lib/alerts).

/** Whether `timeZone` is an IANA zone name this runtime knows (`UTC`, `Europe/Paris`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: making one costs far more than using it (cron scans minutes). */
function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock date and time of `at` in `timeZone`, with its day of the week (0 Sunday). */
export function zonedParts(at: Date, timeZone: string) {
  const parts = formatFor(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const year = get("year");
  const month = get("month");
  const day = get("day");
  return {
    year,
    month,
    day,
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}
