// The pipeline page on the demo after its first sync: each scenario pipeline shows the flags it
// declares (and the healthy one none), the slow one's duration chart marks the days above its
// threshold line, a run opens onto the Gantt of its jobs (by mouse and by keyboard), the window
// survives a reload, and an unknown pipeline is a 404.
import { expect, type Page, test } from "@playwright/test";

type Pipeline = { id: string; repo: string; name: string };

async function openPipeline(page: Page, repo: string, name: string): Promise<string> {
  const response = await page.request.get("/api/v1/pipelines");
  expect(response.ok()).toBe(true);
  const { pipelines } = (await response.json()) as { pipelines: Pipeline[] };
  const pipeline = pipelines.find((p) => p.repo === repo && p.name === name);
  if (!pipeline) throw new Error(`the demo has no pipeline ${repo} ${name}`);
  await page.goto(`/pipelines/${pipeline.id}`);
  const title = page.getByRole("heading", { level: 1 });
  await expect(title).toContainText(repo);
  await expect(title).toContainText(name);
  return pipeline.id;
}

/** The open flag of `kind` in the page's header. */
const openFlag = (page: Page, kind: string) =>
  page
    .getByTestId("open-flags")
    .getByTestId("flag")
    .filter({ has: page.getByText(kind, { exact: true }) });

test("the slow pipeline shows its slow flag, and its duration above the threshold line", async ({
  page,
}) => {
  await openPipeline(page, "acme/web", "CI");
  const flag = openFlag(page, "slow");
  await expect(flag).toBeVisible();
  await expect(flag).toContainText("warning");
  await expect(flag).toContainText("threshold");
  const chart = page.getByTestId("chart-duration");
  await expect(chart.getByRole("img", { name: "Duration of successful runs" })).toBeVisible();
  // The threshold line is labelled with the pipeline's threshold, and medians above it are marked.
  await expect(chart.getByTestId("threshold-label")).toHaveText("threshold 10m");
  await expect.poll(() => chart.getByTestId("above-threshold").count()).toBeGreaterThan(0);
  await expect(chart.getByTestId("above-threshold-count")).toHaveText(/^\d+ days? above 10m$/);
});

for (const [repo, name, kind] of [
  ["acme/platform", "Release", "deploy_skipped"],
  ["acme/checkout", "Deploy", "deploy_stalled"],
] as const)
  test(`${repo} ${name} shows its ${kind} flag`, async ({ page }) => {
    await openPipeline(page, repo, name);
    const flag = openFlag(page, kind);
    await expect(flag).toBeVisible();
    await expect(flag).toContainText("critical");
    await expect(page.getByTestId("deploy-kind")).toHaveText(/Deploy pipeline/);
    // The flags' history lists it as open too.
    await expect(
      page.getByTestId("pipeline-flags").getByTestId("flag-history-item").first(),
    ).toContainText(kind);
  });

test("the healthy pipeline shows no flag", async ({ page }) => {
  await openPipeline(page, "acme/api", "CI");
  await expect(page.getByTestId("open-flags")).toHaveText(/No open flag/);
  await expect(page.getByTestId("flag")).toHaveCount(0);
  await expect(page.getByTestId("chart-duration").getByTestId("above-threshold")).toHaveCount(0);
});

test("a run opens onto its attempts and the Gantt of its jobs, by mouse and by keyboard", async ({
  page,
}) => {
  await openPipeline(page, "acme/web", "CI");
  const rows = page.getByTestId("run-row");
  await expect(rows.first()).toBeVisible();
  // The newest completed run: its jobs are all synced.
  const row = rows.filter({ hasText: "success" }).first();
  const toggle = row.getByTestId("run-toggle");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const details = page.getByTestId("run-details");
  await expect(details.getByRole("heading", { name: /^Attempt 1/ })).toBeVisible();
  const gantt = details.getByTestId("job-gantt").first();
  await expect(gantt.getByTestId("gantt-job").first()).toBeVisible();
  await expect(gantt.getByTestId("gantt-run").first()).toBeVisible();
  await expect(gantt.getByRole("link").first()).toHaveAttribute("href", /\/job\//);
  await toggle.click();
  await expect(details).toHaveCount(0);

  // The keyboard: the toggle takes the focus with Tab and opens with Enter.
  const next = rows.nth(1).getByTestId("run-toggle");
  await rows.nth(0).getByTestId("run-toggle").focus();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    if (await next.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(next).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(next).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByTestId("run-details")).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(next).toHaveAttribute("aria-expanded", "false");
});

test("the window is kept in the URL and survives a reload", async ({ page }) => {
  const id = await openPipeline(page, "acme/web", "CI");
  const windows = page.getByRole("navigation", { name: "Window" });
  await expect(windows.getByRole("link", { name: /^30d/ })).toHaveAttribute("aria-current", "true");
  await windows.getByRole("link", { name: /^24h/ }).click();
  await expect(page).toHaveURL(new RegExp(`/pipelines/${id}\\?window=24h$`));
  await expect(page.getByTestId("chart-runs")).toContainText("Runs per hour");
  await page.reload();
  await expect(windows.getByRole("link", { name: /^24h/ })).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("chart-runs")).toContainText("Runs per hour");
});

test("an unknown pipeline is a 404", async ({ page }) => {
  const response = await page.goto("/pipelines/999999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such pipeline" })).toBeVisible();
});
