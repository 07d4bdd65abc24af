// The Flaky tests page on the demo after its first sync: acme/payments' flaky suite is listed,
// a test's history (opened from the keyboard) shows a commit where it failed and then passed,
// and the filters and sort survive a reload.
import { expect, type Page, test } from "@playwright/test";

/** The demo scenario's flaky tests (lib/simulator/scenarios/demo.ts). */
const PAYMENTS_FLAKY = ["chargeIsIdempotent", "refundTimesOut"];

const row = (page: Page, name: string) =>
  page.getByTestId("flaky-test").filter({ has: page.getByRole("button", { name }) });

test("lists acme/payments' flaky tests, and a test's history shows it failing and passing on one commit", async ({
  page,
}) => {
  await page.goto("/tests");
  await expect(page.getByRole("heading", { name: "Flaky tests", level: 1 })).toBeVisible();
  for (const name of PAYMENTS_FLAKY) {
    await expect(row(page, name)).toContainText("acme/payments");
    await expect(row(page, name)).toContainText("org.acme.payments.PaymentServiceTest");
    await expect(row(page, name).getByRole("link", { name: "CI" })).toHaveAttribute(
      "href",
      /^\/pipelines\/\d+$/,
    );
  }
  // The flakiest come first: the payments tests are the top two.
  const names = await page.getByTestId("test-name").allTextContents();
  expect(names.slice(0, 2).sort()).toEqual(PAYMENTS_FLAKY);

  // Open the history from the keyboard.
  const toggle = row(page, "refundTimesOut").getByRole("button", { name: /refundTimesOut/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const history = row(page, "refundTimesOut").getByTestId("test-history");
  await expect(history).toContainText(/\d+ results in the last 30 days/);
  await expect(history.getByRole("img", { name: /results, oldest first/ })).toBeVisible();

  // A commit where it failed and then passed: both results listed, each linking to its run.
  const flakyCommit = history.locator('[data-testid="commit-group"][data-verdict="flaky"]').first();
  await expect(flakyCommit).toContainText("failed and passed");
  const failed = flakyCommit.locator('li[data-outcome="failed"], li[data-outcome="error"]');
  const passed = flakyCommit.locator('li[data-outcome="passed"], li[data-outcome="flaky"]');
  await expect(failed.first()).toBeVisible();
  await expect(passed.first()).toBeVisible();
  await expect(failed.first().getByRole("link", { name: /^run #\d+/ })).toHaveAttribute(
    "href",
    /\/actions\/runs\/\d+/,
  );

  // Closing it again.
  await toggle.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(history).toHaveCount(0);
});

test("the window, repository, search and sort change the view and survive a reload", async ({
  page,
}) => {
  await page.goto("/tests");
  const rows = page.getByTestId("flaky-test");
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();
  expect(all).toBeGreaterThan(2);

  await page.getByLabel("Window").selectOption("7d");
  await page.getByLabel("Repository").selectOption("acme/payments");
  await expect(page.getByRole("heading", { level: 2, name: /flaky tests?$/ })).toContainText("2");
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Search").fill("refund");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("refundTimesOut");
  await page.getByRole("button", { name: "Last seen" }).click();
  await expect(page).toHaveURL(/window=7d/);
  await expect(page).toHaveURL(/repo=acme%2Fpayments/);
  await expect(page).toHaveURL(/q=refund/);
  await expect(page).toHaveURL(/sort=lastSeen/);

  await page.reload();
  await expect(page.getByLabel("Window")).toHaveValue("7d");
  await expect(page.getByLabel("Repository")).toHaveValue("acme/payments");
  await expect(page.getByLabel("Search")).toHaveValue("refund");
  await expect(page.getByRole("columnheader", { name: "Last seen" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await expect(rows).toHaveCount(1);
  await expect(page.getByText("acme/payments, last 7 days")).toBeVisible();

  // Sorting by name, then back: A to Z, then Z to A.
  await page.getByLabel("Search").fill("");
  const nameHeader = page.getByRole("button", { name: "Test", exact: true });
  await nameHeader.click();
  await expect(page.getByRole("columnheader", { name: "Test", exact: true })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  const firstName = () => rows.first().getByTestId("test-name").textContent();
  expect(await firstName()).toContain("chargeIsIdempotent");
  await nameHeader.click();
  await expect(page.getByRole("columnheader", { name: "Test", exact: true })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  expect(await firstName()).toContain("refundTimesOut");
});

test("a repository without test reports says why no flaky test is listed", async ({ page }) => {
  // acme/data-pipeline uploads no JUnit report in the demo scenario.
  await page.goto("/tests?repo=acme/data-pipeline&window=7d");
  const empty = page.getByTestId("no-flaky-tests");
  await expect(empty.getByRole("heading", { name: "No flaky test in this window" })).toBeVisible();
  await expect(empty).toContainText("acme/data-pipeline, last 7 days");
  await expect(empty).toContainText("PIPEWATCH_TEST_REPORT_PATTERN");
  await expect(page.getByTestId("flaky-test")).toHaveCount(0);
  await empty.getByRole("button", { name: "Look at the last 90 days" }).click();
  await expect(page).toHaveURL(/window=90d/);
  await expect(empty).toContainText("acme/data-pipeline, last 90 days");
});
