import { expect, test } from "@playwright/test";

test("the home page explains how to add a first repository", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle("Pipewatch");
  await expect(page.getByRole("heading", { name: "Pipelines", level: 1 })).toBeVisible();
  const empty = page.getByTestId("empty-state");
  await expect(empty.getByRole("heading", { name: "No repositories watched yet" })).toBeVisible();
  await expect(empty).toContainText("PIPEWATCH_REPOS");
  await expect(empty).toContainText("GITHUB_TOKEN");
  // The sync's progress (and the store's facts, once on this page) are on Sync status.
  await expect(empty.getByRole("link", { name: "Sync status" })).toHaveAttribute("href", "/status");
  await expect(page.getByTestId("pipeline-row")).toHaveCount(0);
});
