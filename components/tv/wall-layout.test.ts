import { describe, expect, it } from "vitest";
import { planWall } from "./wall-layout.ts";
import type { Tile, TileLevel } from "./wall-model.ts";

function tiles(level: TileLevel, n: number, from = 0): Tile[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${level}-${from + i}`,
    repo: "acme/app",
    name: `W${from + i}`,
    state: level === "critical" ? "failing" : level === "warning" ? "flagged" : "passing",
    level,
    running: false,
    lastSuccessAt: null,
    failureStreak: 0,
    lastDurationMs: null,
    p50Ms: null,
    thresholdMs: 600_000,
    headline: null,
    moreFlags: 0,
  }));
}

/** The tile area of a 1920x1080 wall (16 px padding, 88 px header, 12 px gap). */
const HD = { width: 1888, height: 948, scale: 1 };
const UHD = { width: 1888 * 2, height: 948 * 2, scale: 2 };

const ids = (pages: ReturnType<typeof planWall>) =>
  pages.flatMap((p) => p.tiles.map((t) => t.tile.id));

describe("planWall", () => {
  it("shows a few pipelines on one page at the largest size, critical ones twice as wide", () => {
    const all = [...tiles("critical", 2), ...tiles("healthy", 8)];
    const pages = planWall(all, HD);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.size).toBe("large");
    expect(pages[0]?.tiles.map((t) => t.span)).toEqual([2, 2, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it("shrinks the tiles before it pages", () => {
    const pages = planWall(tiles("healthy", 20), HD);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.size).not.toBe("large");
  });

  it("lays a 4K screen out as a 1080p one, twice as big", () => {
    const all = [...tiles("critical", 5), ...tiles("warning", 10), ...tiles("healthy", 235)];
    const hd = planWall(all, HD);
    const uhd = planWall(all, UHD);
    expect(uhd.map((p) => [p.size, p.columns, p.tiles.length])).toEqual(
      hd.map((p) => [p.size, p.columns, p.tiles.length]),
    );
    expect(uhd[0]?.rowHeight).toBe(2 * (hd[0]?.rowHeight ?? 0));
  });

  it("puts every pipeline that needs attention on page one, the healthy ones as a band, then pages them", () => {
    const all = [...tiles("critical", 5), ...tiles("warning", 10), ...tiles("healthy", 235)];
    const pages = planWall(all, HD);
    expect(pages.length).toBeGreaterThan(5);
    const first = pages[0];
    expect(first?.healthySummary).toBe(true);
    expect(first?.tiles.map((t) => t.tile.level).filter((l) => l !== "healthy")).toHaveLength(15);
    // Every pipeline once, in order.
    expect(ids(pages)).toEqual(all.map((t) => t.id));
    // No page holds more than its grid: at most `columns` cells a row.
    for (const page of pages) {
      const cells = page.tiles.reduce((sum, t) => sum + t.span, 0);
      const rows = Math.floor((HD.height + 12) / (page.rowHeight + 12));
      expect(cells).toBeLessThanOrEqual(page.columns * rows);
    }
  });

  it("with flagged=1 shows the healthy ones only as the band", () => {
    const all = [...tiles("critical", 1), ...tiles("healthy", 235)];
    const pages = planWall(all, HD, true);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.tiles).toHaveLength(1);
    expect(pages[0]?.healthySummary).toBe(true);
  });

  it("pages the critical ones too when they do not fit, critical first", () => {
    const all = [...tiles("warning", 40), ...tiles("critical", 60)];
    const ordered = [...all.slice(40), ...all.slice(0, 40)];
    const pages = planWall(ordered, HD);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]?.tiles.every((t) => t.tile.level === "critical")).toBe(true);
    expect(ids(pages)).toEqual(ordered.map((t) => t.id));
  });

  it("has a page even without a pipeline", () => {
    expect(planWall([], HD)).toHaveLength(1);
  });
});
