// Every page of the demo (with data: charts drawn) answers with the security headers and runs
// without a single Content-Security-Policy violation in Chromium.
import { expect, type Page, test } from "@playwright/test";

const REQUIRED = {
  "x-content-type-options": /^nosniff$/,
  "referrer-policy": /^same-origin$/,
  "permissions-policy": /camera=\(\)/,
  "x-frame-options": /^DENY$/,
} as const;

/** Collects CSP violations (the DOM event and Chromium's console report) from page load on. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|connect|apply)/i.test(message.text()))
      violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void })
        .reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

async function pipelineId(page: Page): Promise<number> {
  const response = await page.request.get("/api/v1/pipelines");
  const { pipelines } = (await response.json()) as { pipelines: { id: number }[] };
  const first = pipelines[0];
  if (!first) throw new Error("the demo has no pipeline");
  return first.id;
}

const PAGES: { path: (page: Page) => Promise<string>; ready: (page: Page) => Promise<void> }[] = [
  {
    path: async () => "/",
    ready: async (page) => {
      // The table's duration sparklines.
      await expect(page.locator("table svg").first()).toBeVisible();
    },
  },
  {
    path: async (page) => `/pipelines/${await pipelineId(page)}`,
    ready: async (page) => {
      const chart = page.getByTestId("chart-duration");
      await expect(chart.getByRole("img", { name: "Duration of successful runs" })).toBeVisible();
      await expect(chart.locator("svg.recharts-surface")).toBeVisible();
    },
  },
  { path: async () => "/tests", ready: async () => undefined },
  { path: async () => "/status", ready: async () => undefined },
  { path: async () => "/digest", ready: async () => undefined },
  {
    path: async () => "/tv",
    ready: async (page) => {
      await expect(page.locator("main, body").first()).toBeVisible();
    },
  },
];

for (const [index, entry] of PAGES.entries()) {
  test(`page ${index + 1} of ${PAGES.length}: security headers and no CSP violation`, async ({
    page,
  }, testInfo) => {
    const violations = await watchViolations(page);
    const path = await entry.path(page);
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const headers = response?.headers() ?? {};
    for (const [name, pattern] of Object.entries(REQUIRED))
      expect(headers[name], `${path} ${name}`).toMatch(pattern);
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/form-action 'self' https:\/\/github\.com/);
    expect(csp).not.toContain("unsafe-eval");
    // http://127.0.0.1: no HSTS.
    expect(headers["strict-transport-security"]).toBeUndefined();
    await entry.ready(page);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: testInfo.outputPath("page.png"), fullPage: true });
    expect(violations, path).toEqual([]);
  });
}

test("API answers and static files carry the headers too", async ({ request }) => {
  for (const path of ["/api/health", "/api/v1/pipelines", "/api/v1/pipelines/999999999"]) {
    const response = await request.get(path);
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(response.headers()["content-security-policy"], path).toContain("default-src 'self'");
  }
});
