// People signing in, with access control on: the password (and its attempt limit), GitHub
// through the simulator's OAuth app (a member of acme gets in; others are refused), sign-out.
import { expect, type Page, test } from "@playwright/test";
import { ACCESS_PASSWORD } from "./access-env.ts";

/** Submits the password form and waits for the server's answer (the action's POST). */
async function signInWithPassword(page: Page, password: string) {
  // React empties the form once the previous answer is in: only then is it ready again.
  await expect(page.getByLabel("Password")).toHaveValue("");
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((response) => response.request().method() === "POST");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
}

test("a person signs in with the password, sees the dashboard, and signs out", async ({ page }) => {
  await page.goto("/status");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fstatus$/);
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await signInWithPassword(page, ACCESS_PASSWORD);
  await expect(page).toHaveURL(/\/status$/);
  await expect(page.getByRole("heading", { name: "Sync status", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { name: "Pipelines", level: 1 })).toBeVisible();

  const session = (await page.context().cookies()).find((c) => c.name.endsWith("session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);
});

test("too many wrong passwords: the form says when to retry", async ({ page }) => {
  // A client of its own, so the other tests' sign-ins are not held up by this one's failures.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.77" });
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signInWithPassword(page, `wrong password ${attempt}`);
    await expect(page.getByTestId("sign-in-problem")).toHaveText("Wrong password.");
  }
  await signInWithPassword(page, ACCESS_PASSWORD);
  await expect(page.getByTestId("sign-in-problem")).toHaveText(
    /^Too many attempts: retry in \d+ s\.$/,
  );
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the sign-in page, for the docs", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in with GitHub" })).toBeVisible();
  await page.screenshot({ path: "docs/screenshots/sign-in.png" });
});

test.describe("GitHub sign-in (the simulator's OAuth app, PIPEWATCH_GITHUB_ORGS=acme)", () => {
  async function signInAs(page: Page, login: string) {
    await page.goto("/tests");
    await page.getByRole("button", { name: "Sign in with GitHub" }).click();
    await expect(page.getByRole("heading", { name: /Sign in to GitHub/ })).toBeVisible();
    await page.getByRole("button", { name: `Sign in as ${login}` }).click();
  }

  test("an active member of acme gets in", async ({ page }) => {
    await signInAs(page, "octocat");
    await expect(page).toHaveURL(/\/tests$/);
    await expect(page.getByTestId("signed-in-as")).toHaveText("octocat");
    expect((await page.request.get("/api/v1/pipelines")).status()).toBe(200);
  });

  for (const login of ["mallory", "hubot"]) {
    test(`${login} (not an active member) is refused`, async ({ page }) => {
      await signInAs(page, login);
      await expect(page).toHaveURL(/\/sign-in\?error=AccessDenied/);
      await expect(page.getByTestId("sign-in-problem")).toHaveText(
        "That GitHub account is not a member of an organisation or team allowed here.",
      );
      expect((await page.request.get("/api/v1/pipelines")).status()).toBe(401);
    });
  }
});
