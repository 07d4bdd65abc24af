// What the TV wall shows of each pipeline, and in which order: pure, from the API's answers
// (GET /api/v1/pipelines, GET /api/v1/flags for the flags' numbers), as of a clock.
import type { ListedFlag } from "@/lib/metrics/flag-list";
import { flagHeadline } from "@/lib/metrics/flags/headline";
import type { Pipeline } from "@/lib/metrics/pipelines";

/** The word on the tile: never colour alone. */
export type TileState = "failing" | "flagged" | "running" | "passing";
/** Critical: failing, or a critical flag. Warning: a warning flag. Healthy: neither. */
export type TileLevel = "critical" | "warning" | "healthy";

export type Tile = {
  id: string;
  repo: string;
  name: string;
  state: TileState;
  level: TileLevel;
  /** The last run is still going (shown beside the state). */
  running: boolean;
  lastSuccessAt: string | null;
  failureStreak: number;
  /** The last run's duration once completed, else null (then the window's median is shown). */
  lastDurationMs: number | null;
  p50Ms: number | null;
  thresholdMs: number;
  /** The most severe open flag in a few words, else a failure streak; null when neither. */
  headline: string | null;
  /** More open flags than the one in the headline. */
  moreFlags: number;
};

export type WallCounts = { critical: number; warning: number; healthy: number };

const FAILED = new Set(["failure", "timed_out", "startup_failure"]);
const RANK: Record<TileLevel, number> = { critical: 0, warning: 1, healthy: 2 };

/** The flags (with their numbers) that GET /api/v1/pipelines shows on `p`: its own and its repository's. */
function flagsOf(p: Pipeline, listed: ListedFlag[] | undefined) {
  return p.flags
    .map((f) => {
      const match = listed?.find(
        (l) =>
          l.kind === f.kind &&
          l.repo === p.repo &&
          (l.workflowId === null || l.workflowId === p.workflowId),
      );
      return { ...f, detail: match?.detail };
    })
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "critical" ? -1 : 1));
}

/** A failing pipeline without a flag still says what is wrong. */
function failureHeadline(streak: number): string {
  return streak > 1 ? `Failed ${streak} runs in a row` : "Last run failed";
}

export function toTile(p: Pipeline, listed: ListedFlag[] | undefined, now: number): Tile {
  const flags = flagsOf(p, listed);
  const top = flags[0];
  const running = p.lastRun !== null && p.lastRun.status !== "completed";
  const failing =
    (p.lastRun?.conclusion !== undefined &&
      p.lastRun?.conclusion !== null &&
      FAILED.has(p.lastRun.conclusion)) ||
    (running && p.streak.failureStreak > 0);
  const level: TileLevel =
    failing || top?.severity === "critical" ? "critical" : top ? "warning" : "healthy";
  const state: TileState = failing ? "failing" : top ? "flagged" : running ? "running" : "passing";
  return {
    id: p.id,
    repo: p.repo,
    name: p.name,
    state,
    level,
    running,
    lastSuccessAt: p.streak.lastSuccessAt,
    failureStreak: p.streak.failureStreak,
    lastDurationMs: p.lastRun?.durationMs ?? null,
    p50Ms: p.durationMs.p50,
    thresholdMs: p.slowThresholdMs,
    headline: top
      ? flagHeadline(top, now)
      : failing
        ? failureHeadline(p.streak.failureStreak)
        : null,
    moreFlags: Math.max(0, flags.length - 1),
  };
}

/** Critical first, then warning, then healthy; within a level the longest without a success first. */
export function orderTiles(tiles: Tile[]): Tile[] {
  const age = (t: Tile) => (t.lastSuccessAt === null ? 0 : Date.parse(t.lastSuccessAt));
  return tiles.toSorted(
    (a, b) =>
      RANK[a.level] - RANK[b.level] ||
      age(a) - age(b) ||
      `${a.repo}/${a.name}`.localeCompare(`${b.repo}/${b.name}`),
  );
}

/** The ordered tiles of the pipelines of `repos` (`owner/name` or `owner/*`; empty: all). */
export function buildTiles(
  pipelines: Pipeline[],
  listed: ListedFlag[] | undefined,
  repos: string[],
  now: number,
): Tile[] {
  const wanted = repos.map((r) => r.toLowerCase());
  const kept = pipelines.filter((p) => {
    const repo = p.repo.toLowerCase();
    return (
      wanted.length === 0 ||
      wanted.some((w) => w === repo || (w.endsWith("/*") && repo.startsWith(w.slice(0, -1))))
    );
  });
  return orderTiles(kept.map((p) => toTile(p, listed, now)));
}

export function countTiles(tiles: Tile[]): WallCounts {
  const counts: WallCounts = { critical: 0, warning: 0, healthy: 0 };
  for (const t of tiles) counts[t.level]++;
  return counts;
}
