// How the TV wall's tiles fill the screen: the largest tile size at which everything fits on
// one page; else the pipelines that need attention on the first page(s) with the healthy ones
// collapsed into a summary band, and the healthy ones on the pages after. Pure: sizes in px of
// the tile area, scaled from a 1920x1080 design (a 4K screen shows the same layout, twice as big).
import type { Tile } from "./wall-model.ts";

export type TileSize = "large" | "medium" | "small";

/** Smallest first: `small` is the readable minimum (design px at 1920x1080). */
const SIZES: { size: TileSize; width: number; height: number }[] = [
  { size: "large", width: 440, height: 240 },
  { size: "medium", width: 356, height: 200 },
  { size: "small", width: 296, height: 176 },
];
/** Design px between tiles. */
export const GAP = 12;

export type PlacedTile = { tile: Tile; span: 1 | 2 };

export type WallPage = {
  size: TileSize;
  columns: number;
  /** Px, already scaled. */
  rowHeight: number;
  /** How much the rows grew past their size (1 to 1.5): the text grows with them, up to 1.3. */
  grow: number;
  tiles: PlacedTile[];
  /** The band "N healthy pipelines" (their tiles are on later pages, or nowhere with flagged=1). */
  healthySummary: boolean;
};

export type Area = { width: number; height: number; scale: number };

type Grid = {
  columns: number;
  rows: number;
  rowHeight: number;
  /** Px of the tile area's height, for rows to grow into when a page has few. */
  height: number;
  gap: number;
  size: TileSize;
};

/** Rows grow up to half again their size when the page has room: fewer tiles, bigger. */
const GROW = 1.5;

function gridOf(area: Area, s: (typeof SIZES)[number]): Grid {
  const gap = GAP * area.scale;
  const cellsIn = (room: number, cell: number) =>
    Math.max(1, Math.floor((room + gap) / (cell * area.scale + gap)));
  return {
    columns: cellsIn(area.width, s.width),
    rows: cellsIn(area.height, s.height),
    rowHeight: s.height * area.scale,
    height: area.height,
    gap,
    size: s.size,
  };
}

/** Critical tiles are twice as wide where a row holds four or more. */
function place(tiles: Tile[], columns: number): PlacedTile[] {
  return tiles.map((tile) => ({
    tile,
    span: tile.level === "critical" && columns >= 4 ? 2 : 1,
  }));
}

/** How many of `placed` fill `rows` rows of `columns`. */
function fitCount(placed: PlacedTile[], columns: number, rows: number): number {
  return fill(placed, columns, rows).count;
}

/**
 * How many of `placed`, in order, fit `rows` rows of `columns` as the grid's dense flow places
 * them (each in the first row with room for it: a wide tile that wraps leaves a cell at the end
 * of its row that a later narrow one takes), and how many rows they use.
 */
function fill(placed: PlacedTile[], columns: number, rows: number) {
  const used: number[] = [];
  for (let i = 0; i < placed.length; i++) {
    const span = placed[i]?.span ?? 1;
    const row = used.findIndex((cells) => cells + span <= columns);
    if (row >= 0) used[row] = (used[row] ?? 0) + span;
    else if (used.length < rows) used.push(span);
    else return { count: i, rows: used.length };
  }
  return { count: placed.length, rows: used.length };
}

/** `tiles` cut into pages of `grid` (`rows` rows each); at least one page. */
function paginate(tiles: Tile[], grid: Grid, rows: number, summary: boolean): WallPage[] {
  const pages: WallPage[] = [];
  let rest = place(tiles, grid.columns);
  do {
    const used = fill(rest, grid.columns, rows);
    const n = Math.max(1, used.count);
    // The summary band takes a row too.
    const shownRows = Math.max(1, used.rows + (summary ? 1 : 0));
    const room = (grid.height - (shownRows - 1) * grid.gap) / shownRows;
    const rowHeight = Math.max(grid.rowHeight, Math.min(GROW * grid.rowHeight, room));
    pages.push({
      size: grid.size,
      columns: grid.columns,
      rowHeight,
      grow: Math.min(1.3, rowHeight / grid.rowHeight),
      tiles: rest.slice(0, n),
      healthySummary: summary,
    });
    rest = rest.slice(n);
  } while (rest.length > 0);
  return pages;
}

/**
 * The pages of the wall: `tiles` (ordered, critical first) in `area`. `collapseHealthy` (the
 * `flagged=1` wall) never gives the healthy pipelines tiles, only the summary band.
 */
export function planWall(tiles: Tile[], area: Area, collapseHealthy = false): WallPage[] {
  const attention = tiles.filter((t) => t.level !== "healthy");
  const healthy = tiles.filter((t) => t.level === "healthy");
  const shown = collapseHealthy ? attention : tiles;
  const summary = collapseHealthy && healthy.length > 0;
  const grids = SIZES.map((s) => gridOf(area, s));
  for (const grid of grids) {
    const rows = summary ? grid.rows - 1 : grid.rows;
    const placed = place(shown, grid.columns);
    if (rows > 0 && fitCount(placed, grid.columns, rows) === placed.length)
      return paginate(shown, grid, rows, summary);
  }
  // Too many for one page: attention first, with the healthy ones as a band, then the healthy.
  const smallest = grids.at(-1) ?? gridOf(area, { size: "small", width: 296, height: 176 });
  const first =
    grids.find((g) => {
      const placed = place(attention, g.columns);
      return g.rows > 1 && fitCount(placed, g.columns, g.rows - 1) === placed.length;
    }) ?? smallest;
  const band = healthy.length > 0;
  const attentionPages =
    attention.length > 0
      ? paginate(attention, first, Math.max(1, first.rows - (band ? 1 : 0)), band)
      : [];
  const healthyPages =
    collapseHealthy || healthy.length === 0
      ? []
      : paginate(healthy, smallest, smallest.rows, false);
  const pages = [...attentionPages, ...healthyPages];
  return pages.length > 0 ? pages : paginate([], smallest, smallest.rows, summary);
}
