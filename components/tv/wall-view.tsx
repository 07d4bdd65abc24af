// The TV wall: polls the pipelines and the open flags every 15 s, lays the tiles out for the
// screen it is on, pages through them by itself, says big when its data is not fresh, and
// reloads itself once a day (only when the server answers: a reload into an error page would
// freeze the wall).
"use client";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { ParamNotice, type ParamProblem } from "@/components/ui/param-notice";
import { useNow } from "@/components/ui/time-ago";
import type { FlagList } from "@/lib/metrics/flag-list";
import type { PipelinesReport } from "@/lib/metrics/pipelines";
import { ApiRequestError } from "@/lib/queries/fetch-json";
import { useFlagsQuery, usePipelinesQuery } from "@/lib/queries/hooks";
import { WALL_REFRESH_MS } from "@/lib/queries/intervals";
import styles from "./wall.module.css";
import { GAP, planWall } from "./wall-layout.ts";
import { buildTiles, countTiles } from "./wall-model.ts";
import type { WallParams } from "./wall-params.ts";
import { type Outage, WallStatus } from "./wall-status.tsx";
import { WallTile } from "./wall-tile.tsx";

const DAY_MS = 86_400_000;
/** Design px of the 1920x1080 layout taken by the padding, the header and the gap below it. */
const CHROME = { padding: 16, header: 88 } as const;

function subscribeResize(listener: () => void) {
  window.addEventListener("resize", listener);
  return () => window.removeEventListener("resize", listener);
}

/** The viewport as `WIDTHxHEIGHT`; 1920x1080 on the server and while hydrating. */
function useViewport(): { width: number; height: number } {
  const text = useSyncExternalStore(
    subscribeResize,
    () => `${document.documentElement.clientWidth}x${document.documentElement.clientHeight}`,
    () => "1920x1080",
  );
  const [width = 1920, height = 1080] = text.split("x").map(Number);
  return { width, height };
}

function outageOf(error: unknown): Outage {
  if (!error) return null;
  if (error instanceof ApiRequestError && error.status < 502)
    return { kind: "error", message: `It answered: ${error.message}.` };
  return { kind: "unreachable", message: "Retrying every 15 seconds." };
}

function useDailyReload() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const attempt = async () => {
      const up = await fetch("/api/health", { cache: "no-store" }).then(
        (r) => r.ok,
        () => false,
      );
      if (up) window.location.reload();
      else timer = setTimeout(attempt, 60_000);
    };
    timer = setTimeout(attempt, DAY_MS);
    return () => clearTimeout(timer);
  }, []);
}

type Props = {
  params: WallParams;
  problems: ParamProblem[];
  initialReport?: PipelinesReport;
  initialFlags?: FlagList;
  serverNow: number;
};

export function WallView({ params, problems, initialReport, initialFlags, serverNow }: Props) {
  const poll = { refetchInterval: WALL_REFRESH_MS };
  const pipelines = usePipelinesQuery({}, { ...poll, initialData: initialReport });
  const flags = useFlagsQuery({ state: "open" }, { ...poll, initialData: initialFlags });
  const now = useNow(serverNow);
  const viewport = useViewport();
  useDailyReload();

  const report = pipelines.data;
  const listed = flags.data?.flags;
  const { repos, flagged } = params;
  // Every pipeline of the screen's repositories; flagged=1 collapses the healthy ones to a count.
  const tiles = useMemo(
    () => buildTiles(report?.pipelines ?? [], listed, repos, now),
    [report, listed, repos, now],
  );
  const counts = countTiles(tiles);
  const owners = new Set(tiles.map((t) => t.repo.split("/")[0] ?? ""));
  const owner = owners.size === 1 ? ([...owners][0] ?? null) : null;
  const scale = Math.min(viewport.width / 1920, viewport.height / 1080);
  const width = viewport.width - 2 * CHROME.padding * scale;
  const height = viewport.height - (2 * CHROME.padding + CHROME.header + GAP) * scale;
  const pages = useMemo(
    () => planWall(tiles, { width, height, scale }, flagged),
    [tiles, width, height, scale, flagged],
  );

  const [turn, setTurn] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTurn((t) => t + 1), params.pageSeconds * 1000);
    return () => clearInterval(timer);
  }, [params.pageSeconds]);
  const index = turn % pages.length;
  const page = pages[index];

  const staleRepos = [
    ...new Set(listed?.filter((f) => f.kind === "stale_data").map((f) => f.repo) ?? []),
  ];
  const outage = outageOf(pipelines.error ?? flags.error);

  return (
    <main
      className={styles.wall}
      data-theme={params.theme}
      data-testid="tv-wall"
      data-outage={outage ? outage.kind : "none"}
      style={{ "--u": `${scale}px` } as React.CSSProperties}
    >
      <WallStatus
        counts={counts}
        owner={owner}
        page={index}
        pages={pages.length}
        updatedAt={pipelines.dataUpdatedAt}
        outage={outage}
        staleRepos={staleRepos}
        serverNow={serverNow}
      />
      {!report ? (
        <p className={styles.empty}>
          {pipelines.isError ? "No data yet." : "Loading the pipelines…"}
        </p>
      ) : tiles.length === 0 ? (
        <p className={styles.empty}>
          {report.pipelines.length === 0
            ? "No pipelines yet: add repositories to PIPEWATCH_REPOS."
            : `No pipeline of ${repos.join(", ")}.`}
        </p>
      ) : page ? (
        <section
          className={`${styles.grid} ${styles[page.size]} ${outage ? styles.dimmed : ""}`}
          style={
            {
              gridTemplateColumns: `repeat(${page.columns}, minmax(0, 1fr))`,
              gridAutoRows: `${page.rowHeight}px`,
              "--grow": page.grow,
            } as React.CSSProperties
          }
          data-testid="tv-grid"
          data-size={page.size}
          aria-label={`Pipelines, page ${index + 1} of ${pages.length}`}
        >
          {page.tiles.map((placed) => (
            <WallTile key={placed.tile.id} placed={placed} now={now} owner={owner} />
          ))}
          {page.healthySummary ? (
            <div className={styles.summary} data-testid="tv-healthy-summary">
              <b>{counts.healthy}</b> healthy pipeline{counts.healthy === 1 ? "" : "s"}
              {flagged ? "" : ", on the pages after"}
            </div>
          ) : null}
        </section>
      ) : null}
      {problems.length > 0 ? (
        <div className={styles.notice}>
          <ParamNotice problems={problems} />
        </div>
      ) : null}
    </main>
  );
}
