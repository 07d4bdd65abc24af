// The Overview on the demo after its first sync: each declared flag on its pipeline and none on
// the healthy one, flagged rows first; filters, window and sort change the view and survive a
// reload (they live in the URL); the view refreshes itself without navigation.
import { expect, type Page, test } from "@playwright/test";

type ApiPipeline = { repo: string; name: string; runs: number; lastRun: { id: string } | null };

const rows = (page: Page) => page.getByTestId("pipeline-row");
const row = (page: Page, pipeline: string) =>
  page.locator(`[data-testid="pipeline-row"][data-pipeline="${pipeline}"]`);
const flagsOf = (page: Page, pipeline: string) =>
  row(page, pipeline).locator('[data-testid^="flag-"]');
const header = (page: Page, name: string) => page.getByRole("columnheader", { name, exact: true });
/** `93.4%` → 0.934; `—` → null. */
const percent = (text: string) => (text.includes("%") ? Number.parseFloat(text) / 100 : null);

test("shows each pipeline's flags, flagged pipelines first", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Pipelines", level: 1 })).toBeVisible();
  await expect(row(page, "acme/web CI").getByTestId("flag-slow")).toContainText("Slow");
  await expect(row(page, "acme/platform Release").getByTestId("flag-deploy_skipped")).toContainText(
    "Deploy skipped",
  );
  await expect(row(page, "acme/checkout Deploy").getByTestId("flag-deploy_stalled")).toContainText(
    "Deploy stalled",
  );
  await expect(row(page, "acme/api CI")).toBeVisible();
  await expect(flagsOf(page, "acme/api CI")).toHaveCount(0);

  // The message: on hover (title) and without hover (the badge opens).
  const slow = row(page, "acme/web CI").getByTestId("flag-slow");
  const message = await slow.locator("summary").getAttribute("title");
  expect(message).toMatch(/threshold/);
  await expect(slow.getByText(message ?? "")).toBeHidden();
  await slow.locator("summary").click();
  await expect(slow.getByText(message ?? "")).toBeVisible();

  // Critical flags first, then warnings, then the pipelines without a flag.
  const ranks = await rows(page).evaluateAll((trs) =>
    trs.map((tr) =>
      tr.querySelector('[data-severity="critical"]')
        ? 0
        : tr.querySelector('[data-severity="warning"]')
          ? 1
          : 2,
    ),
  );
  expect(ranks.length).toBeGreaterThan(8);
  expect(ranks).toEqual([...ranks].sort());
  expect(ranks[0]).toBe(0);
  expect(ranks.at(-1)).toBe(2);
  await expect(header(page, "Flags")).toHaveAttribute("aria-sort", "descending");
});

test("filters and the window change the view and survive a reload", async ({ page }) => {
  await page.goto("/");
  const total = await rows(page).count();
  await page.getByLabel("Flagged only").check();
  await expect(page).toHaveURL(/[?&]flagged=1/);
  await expect(rows(page).first()).toBeVisible();
  const flagged = await rows(page).count();
  expect(flagged).toBeLessThan(total);
  await expect(rows(page).filter({ hasNot: page.locator('[data-testid^="flag-"]') })).toHaveCount(
    0,
  );

  await page.getByRole("searchbox", { name: "Search" }).fill("platform");
  await expect(page).toHaveURL(/[?&]q=platform/);
  await expect(rows(page)).toHaveCount(1); // acme/platform CI has no flag
  await expect(row(page, "acme/platform Release")).toBeVisible();

  await page.getByRole("radio", { name: "7d" }).check();
  await expect(page).toHaveURL(/[?&]window=7d/);
  await expect(page.getByText("Runs in 7 days")).toBeVisible();
  await expect(page.getByText("Runs of the last 7 days")).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("Flagged only")).toBeChecked();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("platform");
  await expect(page.getByRole("radio", { name: "7d" })).toBeChecked();
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByTestId("summary-pipelines")).toHaveText(`1 of ${total}`);

  await page.getByRole("button", { name: "Reset filters" }).click();
  await expect(rows(page)).toHaveCount(total);
  await expect(page).not.toHaveURL(/[?&](flagged|q|window)=/);
});

test("a column sorts by click and by keyboard, and the sort survives a reload", async ({
  page,
}) => {
  await page.goto("/");
  const rates = async () =>
    (await rows(page).locator('td[data-label="Success"] > span[title]').allTextContents()).map(
      percent,
    );
  await header(page, "Success").getByRole("button").click();
  await expect(page).toHaveURL(/[?&]sort=successRate/);
  await expect(header(page, "Success")).toHaveAttribute("aria-sort", "ascending");
  await expect(header(page, "Flags")).not.toHaveAttribute("aria-sort", /./);
  const ascending = (await rates()).filter((r) => r !== null);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

  await header(page, "Success").getByRole("button").press("Enter");
  await expect(header(page, "Success")).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/[?&]dir=desc/);
  const descending = (await rates()).filter((r) => r !== null);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  expect(descending).not.toEqual(ascending);

  await page.reload();
  await expect(header(page, "Success")).toHaveAttribute("aria-sort", "descending");
  expect((await rates()).filter((r) => r !== null)).toEqual(descending);
});

test("refreshes itself with the API's latest answer, without a reload", async ({ page }) => {
  test.setTimeout(11 * 60_000);
  // The answers the page gets to its own polls of the API for its scope, the latest kept.
  let polled: { at: number; pipelines: ApiPipeline[] } | undefined;
  let responses = 0;
  page.on("response", async (response) => {
    const url = new URL(response.url());
    if (url.pathname !== "/api/v1/pipelines" || url.searchParams.get("window") !== "24h") return;
    const at = ++responses;
    const body = (await response.json().catch(() => undefined)) as
      | { pipelines: ApiPipeline[] }
      | undefined;
    if (body && (!polled || at > polled.at)) polled = { at, pipelines: body.pipelines };
  });
  // What is shown is what the API answered to the page's latest poll: every new run and every
  // finished one included (the demo's live time adds some every few minutes), without
  // navigating. (Compared with the page's own answer rather than a fresh request: live time
  // changes the API's answer every few seconds, and a fresh answer would race the next one.)
  const shown = async () => ({
    runs: Number((await page.getByTestId("summary-runs").textContent())?.replaceAll(",", "")),
    lastRuns: (
      await rows(page).evaluateAll((trs) =>
        trs.map((tr) => `${tr.dataset.pipeline} ${tr.dataset.lastRun?.split(" ")[0] ?? ""}`),
      )
    ).sort(),
  });
  const answered = (pipelines: ApiPipeline[]) => ({
    runs: pipelines.reduce((sum, p) => sum + p.runs, 0),
    lastRuns: pipelines.map((p) => `${p.repo} ${p.name} ${p.lastRun?.id ?? ""}`).sort(),
  });
  await page.setViewportSize({ width: 1280, height: 500 });
  await page.goto("/?window=24h");
  const view = page.locator("[data-generated-at]");
  const first = await view.getAttribute("data-generated-at");
  await expect(rows(page).first()).toBeVisible();
  const initially = JSON.stringify(await shown());
  await page.evaluate(() => {
    Object.assign(window, { pipewatchNotReloaded: true });
    window.scrollTo(0, 300);
  });
  // react-query polls every 30 s: within two intervals the view holds newer data.
  await expect
    .poll(() => view.getAttribute("data-generated-at"), { timeout: 95_000, intervals: [2_000] })
    .not.toBe(first);
  expect(await page.evaluate(() => "pipewatchNotReloaded" in window)).toBe(true);
  expect(await page.evaluate(() => window.scrollY)).toBe(300);
  await expect(page.getByRole("radio", { name: "24h" })).toBeChecked();

  // Live time pushes to the demo's repositories at random, about one push every two minutes
  // (each starting runs that finish minutes later): wait until the view shows a run that was not
  // there at first (created or finished since), exactly as its latest answer has it. A quiet
  // spell of three minutes is not rare, so the wait is long; it ends at the first change.
  let last = { now: initially, answer: "" };
  await expect
    .poll(
      async () => {
        last = {
          now: JSON.stringify(await shown()),
          answer: polled ? JSON.stringify(answered(polled.pipelines)) : "",
        };
        return last.now !== initially && last.now === last.answer;
      },
      { timeout: 480_000, intervals: [3_000] },
    )
    .toBe(true)
    .catch((error: unknown) => {
      // What differs, for whoever reads the failure: the view never changed, or not to its answer.
      throw new Error(
        `${String(error)}\ninitially: ${initially}\nshown: ${last.now}\nanswered: ${last.answer}\npolls answered: ${responses}`,
      );
    });
  expect(await page.evaluate(() => "pipewatchNotReloaded" in window)).toBe(true);
});
