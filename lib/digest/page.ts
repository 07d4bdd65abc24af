// The digest page's data (app/(dashboard)/digest/[week]): `latest` names the last complete
// week (the page redirects to its stable address); a week that is no ISO week or has not begun
// is not found.
import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import type { Digest } from "./compare.ts";
import { getDigest } from "./data.ts";
import { formatIsoWeek, parseIsoWeek, resolveWeek, weekWindow } from "./iso-week.ts";

export type DigestPageData =
  | { kind: "redirect"; week: string }
  /** `reason`: for logs and tests; the page shows its not-found view. */
  | { kind: "not-found"; reason: string }
  | { kind: "ok"; digest: Digest };

/** The URL's segment as text; a malformed escape is no week rather than an error. */
export function decodeWeekSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function getDigestPageData(
  segment: string,
  now = new Date(),
): Promise<DigestPageData> {
  const { timeZone } = getConfig().digest;
  const text = decodeWeekSegment(segment);
  const week = resolveWeek(text, now, timeZone);
  if (!week)
    return {
      kind: "not-found",
      reason: `"${text}" is not an ISO week: the address takes one such as 2026-W47, or latest.`,
    };
  if (!parseIsoWeek(text)) return { kind: "redirect", week: formatIsoWeek(week) };
  // A lower-case `w` is a week too: the stable address spells it `W`.
  if (text !== formatIsoWeek(week)) return { kind: "redirect", week: formatIsoWeek(week) };
  if (weekWindow(week, timeZone).from.getTime() > now.getTime())
    return { kind: "not-found", reason: `${formatIsoWeek(week)} has not begun yet.` };
  return { kind: "ok", digest: await getDigest(getDb(), week, timeZone, now) };
}
