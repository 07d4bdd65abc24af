// Addresses with parameters a page does not understand (a mistyped or outdated link): every page
// answers 200 with its default view and a note naming each ignored parameter and what it takes;
// the note goes once a control rewrites the address. An unknown pipeline is a 404 (pipeline.spec).
import { expect, type Page, test } from "@playwright/test";

const notice = (page: Page) => page.getByTestId("param-notice");

async function pipelineId(page: Page): Promise<string> {
  const response = await page.request.get("/api/v1/pipelines");
  const { pipelines } = (await response.json()) as { pipelines: { id: string; repo: string }[] };
  const pipeline = pipelines.find((p) => p.repo === "acme/web");
  if (!pipeline) throw new Error("the demo has no acme/web pipeline");
  return pipeline.id;
}

test("the pipeline page shows the last 30 days for a bad window, and says why", async ({
  page,
}) => {
  const id = await pipelineId(page);
  const response = await page.goto(`/pipelines/${id}?window=bogus&branch=a..b`);
  expect(response?.status()).toBe(200);
  await expect(notice(page)).toContainText("window=bogus");
  await expect(notice(page)).toContainText("24h, 7d or 30d");
  await expect(notice(page)).toContainText("branch=a..b");
  const windows = page.getByRole("navigation", { name: "Window" });
  await expect(windows.getByRole("link", { name: /^30d/ })).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("chart-duration")).toBeVisible();
  // Choosing a window leaves the bad parameters behind.
  await windows.getByRole("link", { name: /^7d/ }).click();
  await expect(page).toHaveURL(new RegExp(`/pipelines/${id}\\?window=7d$`));
  await expect(notice(page)).toHaveCount(0);
});

test("the overview falls back to its defaults for bad parameters, and says which", async ({
  page,
}) => {
  const response = await page.goto("/?window=bogus&sort=nope&branch=a..b&dir=sideways");
  expect(response?.status()).toBe(200);
  for (const text of [
    "window=bogus",
    "24h, 7d, 30d or 90d",
    "sort=nope",
    "branch=a..b",
    "dir=sideways",
  ])
    await expect(notice(page)).toContainText(text);
  await expect(page.getByRole("radio", { name: "30d" })).toBeChecked();
  await expect(page.getByTestId("pipeline-row").first()).toBeVisible();
  // A good parameter raises no note; a control rewrites the address without the bad ones.
  await page.getByRole("radio", { name: "7d" }).check();
  await expect(page).toHaveURL(/\?window=7d$/);
  await expect(notice(page)).toHaveCount(0);
});

test("the flaky tests page ignores a bad window and an untracked repository, and says so", async ({
  page,
}) => {
  const response = await page.goto("/tests?window=1y&repo=acme/nope");
  expect(response?.status()).toBe(200);
  await expect(notice(page)).toContainText("window=1y");
  await expect(notice(page)).toContainText("7d, 30d or 90d");
  await expect(notice(page)).toContainText("repo=acme/nope");
  await expect(page.getByLabel("Window")).toHaveValue("30d");
  await expect(page.getByLabel("Repository")).toHaveValue("");
  await page.getByLabel("Window").selectOption("7d");
  await expect(notice(page)).toHaveCount(0);
});

test("good parameters raise no note", async ({ page }) => {
  const id = await pipelineId(page);
  for (const url of [
    "/?window=7d&sort=duration",
    `/pipelines/${id}?window=48h&branch=*`,
    "/tests?window=90d",
  ]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(notice(page)).toHaveCount(0);
  }
});

test("an address that is no page is a 404 that says where the pages are", async ({ page }) => {
  const response = await page.goto("/pipelines");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such page", level: 1 })).toBeVisible();
  await expect(
    page.getByTestId("not-found").getByRole("link", { name: /overview/ }),
  ).toHaveAttribute("href", "/");
});
