// A time in the viewer's time zone with UTC (and the other form) on hover. The server does not
// know the viewer's zone: until the page is hydrated the absolute form is UTC, then local.
"use client";
import { useHydrated } from "@/components/ui/time-ago";
import { formatDateTime, formatRelative, formatUtc } from "@/lib/format";

type Props = {
  at: string | null;
  /** What relative times count from (the data's generatedAt, so server and browser agree). */
  now: number;
  /** `relative`: `3 hours ago`; `absolute`: `Nov 26, 21:04`. */
  mode?: "relative" | "absolute";
  className?: string;
};

export function LocalTime({ at, now, mode = "relative", className }: Props) {
  const hydrated = useHydrated();
  if (at === null) return <span className={className}>never</span>;
  const local = hydrated
    ? formatDateTime(at, { now })
    : `${formatDateTime(at, { timeZone: "UTC", now })} UTC`;
  const relative = formatRelative(at, now);
  const text = mode === "relative" ? relative : local;
  const title =
    mode === "relative" ? `${local} · ${formatUtc(at)}` : `${relative} · ${formatUtc(at)}`;
  return (
    <time dateTime={at} title={title} className={className}>
      {text}
    </time>
  );
}
