// Every page at a phone's width (375×800) and a laptop's (1280×800): the header keeps the brand
// and the three links on one line (short labels on a phone, full names for screen readers), and
// nothing is wider than the screen.
import { expect, type Page, test } from "@playwright/test";

const VIEWPORTS = [
  { width: 375, height: 800 },
  { width: 1280, height: 800 },
];

async function pages(page: Page): Promise<string[]> {
  const response = await page.request.get("/api/v1/pipelines");
  const { pipelines } = (await response.json()) as { pipelines: { id: string }[] };
  return ["/", `/pipelines/${pipelines[0]?.id}`, "/tests", "/status"];
}

for (const viewport of VIEWPORTS)
  test(`every page fits ${viewport.width}×${viewport.height}, its header on one line`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    for (const url of await pages(page)) {
      await page.goto(url);
      const nav = page.getByRole("navigation", { name: "Main" });
      const links = nav.getByRole("link");
      await expect(links).toHaveCount(3);
      await expect(nav.getByRole("link", { name: "Flaky tests" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Sync status" })).toBeVisible();
      const brand = await page.getByRole("link", { name: "Pipewatch" }).boundingBox();
      const tops = await links.evaluateAll((all) => all.map((a) => a.getBoundingClientRect().top));
      // One line: every link starts level with the others, and beside the brand, not below it.
      expect(new Set(tops.map(Math.round)).size, `${url}: links on one line`).toBe(1);
      expect(Math.abs((tops[0] ?? 0) - (brand?.y ?? 0)), `${url}: beside the brand`).toBeLessThan(
        brand?.height ?? 0,
      );
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${url}: no horizontal scroll`).toBeLessThanOrEqual(viewport.width);
    }
  });
