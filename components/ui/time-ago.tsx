// Times for people: "5 minutes ago" kept current, or the exact time in the viewer's time zone,
// with UTC on hover. The server renders UTC (it does not know the viewer's zone) and the same
// relative text as of `now`; once hydrated, the browser switches to its own zone and clock, so
// hydration never mismatches.
"use client";
import { useSyncExternalStore } from "react";
import { formatDateTime, formatRelative, formatUtc } from "@/lib/format";

const TICK_MS = 15_000;
let clock = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribeClock(listener: () => void): () => void {
  listeners.add(listener);
  clock = Date.now();
  timer ??= setInterval(() => {
    clock = Date.now();
    for (const notify of listeners) notify();
  }, TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, ticking every 15 s; `serverNow` on the server and while hydrating. */
export function useNow(serverNow: number): number {
  return useSyncExternalStore(
    subscribeClock,
    () => clock,
    () => serverNow,
  );
}

const noSubscription = () => () => {};

/** False on the server and while hydrating, then true: for what depends on the viewer's zone. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

type Props = {
  at: string | null;
  /** The time the server rendered at (the data's generatedAt). */
  now: number;
  /** Text for a null `at`. */
  never?: string;
};

/** `3 minutes ago`, with the exact local time and UTC in the title. */
export function TimeAgo({ at, now, never = "never" }: Props) {
  const current = useNow(now);
  const hydrated = useHydrated();
  if (!at) return <span>{never}</span>;
  const title = hydrated ? `${formatDateTime(at)} (${formatUtc(at)})` : formatUtc(at);
  return (
    <time dateTime={at} title={title}>
      {formatRelative(at, current)}
    </time>
  );
}

/** The exact time in the viewer's zone (`Nov 26, 21:04`), UTC in the title. */
export function LocalTime({ at, now }: { at: string; now: number }) {
  const hydrated = useHydrated();
  return (
    <time dateTime={at} title={formatUtc(at)}>
      {hydrated ? formatDateTime(at) : `${formatDateTime(at, { timeZone: "UTC", now })} UTC`}
    </time>
  );
}
