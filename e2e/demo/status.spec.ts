// The Sync status page on the demo after its first sync: every repository of the demo scenario
// listed, synced, its backfill bar full; the store's database up.
import { expect, test } from "@playwright/test";

/** The demo scenario's repositories (lib/simulator/scenarios/demo.ts). */
const DEMO_REPOS = [
  "acme/api",
  "acme/checkout",
  "acme/data-pipeline",
  "acme/images",
  "acme/legacy-tools",
  "acme/mobile",
  "acme/payments",
  "acme/platform",
  "acme/web",
];

test("lists the 9 demo repositories, each synced, with its backfill bar at 100%", async ({
  page,
}) => {
  await page.goto("/status");
  await expect(page.getByRole("heading", { name: "Sync status", level: 1 })).toBeVisible();
  const rows = page.getByTestId("sync-row");
  await expect(rows).toHaveCount(DEMO_REPOS.length);
  // The first sync is complete (demo-ready); a backfill finishing as it completes shows within a
  // poll (every 5 s while one runs).
  await expect(page.locator('[data-testid="sync-row"][data-state="ok"]')).toHaveCount(
    DEMO_REPOS.length,
    { timeout: 60_000 },
  );
  for (const repo of DEMO_REPOS) {
    const row = rows.filter({ has: page.getByRole("rowheader", { name: repo, exact: true }) });
    await expect(row).toHaveAttribute("data-state", "ok");
    await expect(row.getByRole("cell").first()).toHaveText(/^✓\s*synced$/);
    const bar = row.getByRole("progressbar", { name: `${repo} backfill` });
    await expect(bar).toHaveAttribute("value", "100");
    await expect(bar).toHaveAttribute("aria-valuetext", /^100%, \d[\d,]* of \d[\d,]* runs$/);
    await expect(row.getByRole("cell").filter({ hasText: /\d+ left|unknown/ })).toHaveCount(1);
  }
  await expect(
    page.getByText(`${DEMO_REPOS.length} repositories: ${DEMO_REPOS.length} synced.`),
  ).toBeVisible();
  await expect(page.getByTestId("db-status")).toHaveText(/up/);
  await expect(page.getByRole("heading", { name: "Configuration" })).toBeVisible();
});
