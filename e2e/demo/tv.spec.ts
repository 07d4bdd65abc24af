// The TV wall on the demo's data (12 pipelines): fits a 1080p and a 4K screen without
// scrolling, every flagged pipeline on the first page with its flag in a few words, and the
// screen's settings from the address (bad values named, defaults shown); a reload once a day.
import { expect, test } from "@playwright/test";
import { expectWallFits, tileLabels, WALL_SIZES } from "../tv-wall.ts";

type Listed = {
  pipelines: { repo: string; name: string; flags: { kind: string; severity: string }[] }[];
};

for (const viewport of WALL_SIZES)
  test(`the wall fits ${viewport.width}x${viewport.height}, the flagged pipelines on page one`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto("/tv");
    await expect(page.getByTestId("tv-tile").first()).toBeVisible();
    // A wall has the screen to itself: none of the dashboard's header.
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expectWallFits(page, viewport);

    const { pipelines } = (await (await page.request.get("/api/v1/pipelines")).json()) as Listed;
    const flagged = pipelines.filter((p) => p.flags.length > 0);
    expect(flagged.length).toBeGreaterThanOrEqual(5);
    const labels = await tileLabels(page);
    for (const p of flagged)
      expect(labels, `${p.repo} ${p.name} on page one`).toContainEqual(
        expect.stringMatching(new RegExp(`^${p.repo} ${p.name}: (flagged|failing)$`)),
      );
    // Critical before warning before healthy.
    const levels = await page
      .getByTestId("tv-tile")
      .evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-level")));
    const rank = { critical: 0, warning: 1, healthy: 2 } as Record<string, number>;
    const ranks = levels.map((l) => rank[l ?? ""] ?? 9);
    expect(ranks).toEqual(ranks.toSorted((a, b) => a - b));
    // The counts cover every pipeline; the skipped deploy says so in words.
    const counts = ((await page.getByTestId("tv-counts").textContent()) ?? "").match(/\d+/g) ?? [];
    expect(counts.reduce((sum, n) => sum + Number(n), 0)).toBe(pipelines.length);
    expect(labels).toHaveLength(pipelines.length);
    const deploy = pipelines.find((p) => p.flags.some((f) => f.kind === "deploy_skipped"));
    if (!deploy) throw new Error("the demo has no skipped deploy");
    const skipped = page.getByLabel(`${deploy.repo} ${deploy.name}: flagged`);
    await expect(skipped.getByTestId("tv-headline")).toHaveText(/^Deploy skipped for \d+ runs/);
    await expect(page.getByTestId("tv-freshness")).toContainText("Updated");
  });

test("the wall takes its screen's settings from the address, and names what it ignores", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto("/tv?repos=acme/web,acme/api&flagged=1&theme=pink&page-seconds=1");
  const notice = page.getByTestId("param-notice");
  await expect(notice).toContainText("theme=pink");
  await expect(notice).toContainText("dark or light");
  await expect(notice).toContainText("page-seconds=1");
  await expect(notice).not.toContainText("repos=");
  // flagged=1: only what needs attention as tiles, the healthy ones as a count.
  const labels = await tileLabels(page);
  expect(labels.length).toBeGreaterThan(0);
  for (const label of labels) expect(label).toMatch(/^acme\/(web|api) .*: (flagged|failing)$/);
  await expect(page.getByTestId("tv-healthy-summary")).toContainText("healthy pipeline");
  await expect(page.getByTestId("tv-wall")).toHaveAttribute("data-theme", "dark");
  await page.goto("/tv?theme=light&repos=nobody");
  await expect(page.getByTestId("tv-wall")).toHaveAttribute("data-theme", "light");
  await expect(page.getByTestId("param-notice")).toContainText("repos=nobody");
});

test("the wall reloads itself once a day, when the server answers", async ({ page }) => {
  type Marked = { pipewatchMarker?: number };
  await page.clock.install();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto("/tv");
  await expect(page.getByTestId("tv-wall")).toBeVisible();
  await page.evaluate(() => {
    (window as Marked).pipewatchMarker = 1;
  });
  const marker = () => page.evaluate(() => (window as Marked).pipewatchMarker ?? null);
  // Nearly a day on: still the same page.
  await page.clock.fastForward("23:58:00");
  expect(await marker()).toBe(1);
  // A day on, the server answering its health check: a fresh page.
  const reloaded = page.waitForEvent("load");
  await page.clock.fastForward("00:03:00");
  await reloaded;
  await expect.poll(marker).toBeNull();
  await expect(page.getByTestId("tv-wall")).toBeVisible();
});
