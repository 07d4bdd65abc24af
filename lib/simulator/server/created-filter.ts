// GitHub's `created` search syntax for run lists: a date or time, `>=`, `<=`, `>`, `<`, and
// ranges `A..B`, `A..*`, `*..B`. A bare date covers the whole day.

export type TimeRange = { from: number; to: number };

const DAY = 24 * 3600 * 1000;

function bound(text: string, end: boolean): number | null {
  if (text === "*") return end ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(day) ? null : end ? day + DAY - 1 : day;
  }
  // A time without a zone is UTC (not the machine's local time).
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  const time = Date.parse(zoned);
  if (Number.isNaN(time)) return null;
  // Times are compared in whole seconds, as GitHub shows them: an end bound covers its second.
  return end && time % 1000 === 0 ? time + 999 : time;
}

/** The inclusive time range a `created` value selects; null when it does not parse. */
export function parseCreated(value: string): TimeRange | null {
  const v = value.trim();
  const range = /^(.+)\.\.(.+)$/.exec(v);
  if (range) {
    const from = bound(range[1] ?? "", false);
    const to = bound(range[2] ?? "", true);
    return from === null || to === null ? null : { from, to };
  }
  const op = /^(>=|<=|>|<)(.+)$/.exec(v);
  if (op) {
    const text = op[2] ?? "";
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
    const start = bound(text, false);
    const end = bound(text, true);
    if (start === null || end === null) return null;
    switch (op[1]) {
      case ">=":
        return { from: start, to: Number.POSITIVE_INFINITY };
      case ">":
        return { from: (dateOnly ? end : start) + 1, to: Number.POSITIVE_INFINITY };
      case "<=":
        return { from: Number.NEGATIVE_INFINITY, to: end };
      default:
        return { from: Number.NEGATIVE_INFINITY, to: start - 1 };
    }
  }
  const from = bound(v, false);
  const to = bound(v, true);
  return from === null || to === null ? null : { from, to };
}
