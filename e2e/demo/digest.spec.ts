// The weekly digest page on the demo after its first sync: /digest/latest lands on the last
// complete week's stable address, its items link to pipeline pages that exist, a week that is
// not one is a 404, and on paper the site's header is gone and the background white.
import { expect, test } from "@playwright/test";

test("latest redirects to the last complete week, whose items link to their pipelines", async ({
  page,
}) => {
  await page.goto("/digest/latest");
  await expect(page).toHaveURL(/\/digest\/\d{4}-W\d{2}$/);
  const week = new URL(page.url()).pathname.split("/").pop() ?? "";
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Weekly digest ${week}`);
  await expect(page.getByTestId("digest-totals")).toContainText("Total CI time");
  const links = page.getByTestId("digest-pipelines").getByRole("link");
  expect(await links.count()).toBeGreaterThan(3);
  for (const href of await links.evaluateAll((all) => all.map((a) => a.getAttribute("href"))))
    expect(href).toMatch(/^\/pipelines\/\d+$/);
  // The demo's numbers compare two weeks: arrows with percentages.
  await expect(page.getByTestId("digest-pipelines")).toContainText(/[▲▼=] [+−±]\d+\.\d%/);
  await links.first().click();
  await expect(page).toHaveURL(/\/pipelines\/\d+$/);
  await expect(page.getByTestId("not-found")).toHaveCount(0);
});

test("a week that does not exist or has not begun is a 404 that says how a week is written", async ({
  page,
}) => {
  for (const week of ["2026-W60", "2021-W53", "soon", "2999-W01"]) {
    const response = await page.goto(`/digest/${week}`);
    expect(response?.status(), week).toBe(404);
    await expect(page.getByTestId("digest-not-found")).toContainText("2026-W47");
  }
});

test("prints without the site's header, on white", async ({ page }) => {
  await page.goto("/digest/latest");
  await page.emulateMedia({ media: "print", colorScheme: "dark" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Weeks" })).toBeHidden();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(255, 255, 255)");
  await expect(page.getByTestId("digest-totals")).toBeVisible();
});
