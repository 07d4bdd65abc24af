// The Sync status page of a first run (no repository configured): the database is up, and the
// page explains how to add a repository.
import { expect, test } from "@playwright/test";

test("the status page shows the database up and how to add a first repository", async ({
  page,
}) => {
  await page.goto("/status");
  await expect(page).toHaveTitle("Sync status · Pipewatch");
  await expect(page.getByRole("heading", { name: "Sync status", level: 1 })).toBeVisible();
  await expect(page.getByTestId("db-status")).toHaveText(/up/);
  const empty = page.getByTestId("empty-state");
  await expect(empty.getByRole("heading", { name: "No repositories watched yet" })).toBeVisible();
  await expect(empty).toContainText("PIPEWATCH_REPOS");
  await expect(empty).toContainText("GITHUB_TOKEN");
  await expect(empty).toContainText(".env");
  await expect(page.getByTestId("sync-table")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Store" })).toBeVisible();
});
