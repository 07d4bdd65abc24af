// What every TV wall spec checks of a screen: nothing scrolls, and every tile, the header and
// the page indicator lie inside the screen, at a readable size.
import { expect, type Page } from "@playwright/test";

export const WALL_SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

/** The smallest tile text, in px of a 1920x1080 screen (the layout's `small` size). */
const MIN_FONT_PX = 19;

export async function expectWallFits(page: Page, viewport: { width: number; height: number }) {
  const scale = Math.min(viewport.width / 1920, viewport.height / 1080);
  const facts = await page.evaluate(() => {
    const root = document.documentElement;
    const boxes = [...document.querySelectorAll('[data-testid="tv-tile"], header')].map((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, left: r.left, bottom: r.bottom, right: r.right };
    });
    // A tile's text fits it (the headline alone may be cut, with an ellipsis, at two lines).
    const overflowing = [...document.querySelectorAll('[data-testid="tv-tile"]')]
      .filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
      .map((e) => e.getAttribute("aria-label"));
    const fonts = [...document.querySelectorAll('[data-testid="tv-tile"]')].map((e) =>
      Number.parseFloat(getComputedStyle(e).fontSize),
    );
    return {
      scrollWidth: root.scrollWidth,
      scrollHeight: root.scrollHeight,
      clientWidth: root.clientWidth,
      clientHeight: root.clientHeight,
      boxes,
      fonts,
      overflowing,
    };
  });
  expect(facts.scrollHeight, "no vertical scroll").toBeLessThanOrEqual(facts.clientHeight);
  expect(facts.scrollWidth, "no horizontal scroll").toBeLessThanOrEqual(facts.clientWidth);
  // The viewport has no scrollbar: its client size is the whole screen.
  expect(facts.clientWidth).toBe(viewport.width);
  expect(facts.clientHeight).toBe(viewport.height);
  expect(facts.boxes.length).toBeGreaterThan(1);
  for (const box of facts.boxes) {
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(viewport.height);
    expect(box.right).toBeLessThanOrEqual(viewport.width);
  }
  expect(facts.overflowing, "tiles whose text does not fit").toEqual([]);
  for (const font of facts.fonts) expect(font).toBeGreaterThanOrEqual(MIN_FONT_PX * scale - 0.01);
}

/** `repo name: state` of every tile on the current page. */
export function tileLabels(page: Page): Promise<string[]> {
  return page
    .getByTestId("tv-tile")
    .evaluateAll((tiles) => tiles.map((t) => t.getAttribute("aria-label") ?? ""));
}
