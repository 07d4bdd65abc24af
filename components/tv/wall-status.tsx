// The wall's header (counts, clock, freshness, page) and its outage band: the part that ticks
// every second, so the tiles re-render only when the data or the quarter-minute changes.
"use client";
import { useEffect, useState } from "react";
import { useHydrated } from "@/components/ui/time-ago";
import { formatRelative } from "@/lib/format";
import { WALL_REFRESH_MS } from "@/lib/queries/intervals";
import type { WallCounts } from "./wall-model.ts";
import styles from "./wall-status.module.css";

/** Data older than this (and no error to say why: a hung request) counts as stale. */
export const STALE_AFTER_MS = 3 * WALL_REFRESH_MS;

function useSecondClock(serverNow: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** `12 s ago` under two minutes (a wall is watched by the second), then `5 minutes ago`. */
function ago(at: number, now: number): string {
  const ms = Math.max(0, now - at);
  return ms < 120_000 ? `${Math.round(ms / 1000)} s ago` : formatRelative(at, now);
}

export type Outage = { kind: "unreachable" | "error"; message: string } | null;

type Props = {
  counts: WallCounts;
  /** The owner of every pipeline shown, when they share one (their tiles leave it out). */
  owner: string | null;
  page: number;
  pages: number;
  /** When the data shown was fetched (epoch ms); 0: never. */
  updatedAt: number;
  outage: Outage;
  /** Repositories whose sync is behind (open stale_data flags). */
  staleRepos: string[];
  serverNow: number;
};

export function WallStatus({
  counts,
  owner,
  page,
  pages,
  updatedAt,
  outage,
  staleRepos,
  serverNow,
}: Props) {
  const now = useSecondClock(serverNow);
  const hydrated = useHydrated();
  const age = updatedAt > 0 ? now - updatedAt : null;
  const late = !outage && age !== null && age > STALE_AFTER_MS;
  const clock = hydrated
    ? new Date(now).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    : "";
  return (
    <>
      <header className={styles.header}>
        {owner ? <span className={styles.owner}>{owner}</span> : null}
        <div className={styles.counts} data-testid="tv-counts">
          <span className={`${styles.count} ${styles.critical}`}>
            <b>{counts.critical}</b> critical
          </span>
          <span className={`${styles.count} ${styles.warning}`}>
            <b>{counts.warning}</b> warning
          </span>
          <span className={`${styles.count} ${styles.healthy}`}>
            <b>{counts.healthy}</b> healthy
          </span>
        </div>
        <div className={styles.fresh} data-testid="tv-freshness" data-late={late || !!outage}>
          {updatedAt > 0 ? `Updated ${ago(updatedAt, now)}` : "Waiting for data"}
          {staleRepos.length > 0 ? (
            <span className={styles.warningText}>
              {" "}
              · sync behind: {staleRepos.length} repo{staleRepos.length === 1 ? "" : "s"}
            </span>
          ) : null}
        </div>
        {pages > 1 ? (
          <div className={styles.pager} data-testid="tv-page" data-page={page + 1}>
            Page {page + 1}/{pages}
            <span className={styles.dots} aria-hidden="true">
              {Array.from({ length: Math.min(pages, 12) }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the dots are positions
                <i key={i} className={i === page ? styles.dotOn : undefined} />
              ))}
            </span>
          </div>
        ) : null}
        <time className={styles.clock} data-testid="tv-clock">
          {clock}
        </time>
      </header>
      {outage || late ? (
        <div className={styles.outage} role="alert" data-testid="tv-outage">
          <strong>
            {outage?.kind === "unreachable"
              ? "Pipewatch server unreachable"
              : outage
                ? "Pipewatch server error"
                : "No fresh data"}
          </strong>
          <span>
            {age === null ? "No data yet." : `Showing the data of ${ago(updatedAt, now)}.`}{" "}
            {outage?.message ?? "Retrying every 15 seconds."}
          </span>
        </div>
      ) : null}
    </>
  );
}
