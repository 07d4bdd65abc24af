// No secret ever leaves the server: Pipewatch is started with every secret variable set to a
// distinctive value, every page and API route is visited (error paths included), then the
// build directory, the server's own output and every response body are searched for each
// value. One hit fails the test.
//
// Access control is on (the password and GitHub sign-in, both canaries): the browser signs in
// first, after a wrong password and the sign-in routes have been visited too.
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import pg from "pg";

// +2 and +3 are tv-large's, +4 and +5 the access project's.
const PORT = Number(process.env.PIPEWATCH_E2E_PORT ?? 3210) + 6;
const BASE = `http://127.0.0.1:${PORT}`;

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();
/** One line of the key's body: any part of the key is a leak. */
const keyLine = privateKey.split("\n")[5] ?? "";

const SECRETS = {
  GITHUB_TOKEN: "ghp_LeakCanaryGithubToken7f3a9c",
  GITHUB_WEBHOOK_SECRET: "leak-canary-webhook-secret-51d2",
  AUTH_SECRET: "leak-canary-auth-secret-0123456789abcdef",
  SMTP_PASSWORD: "LeakCanarySmtpPass9e1",
  ALERT_WEBHOOK_SECRET: "leak-canary-alert-hmac-b7e4",
  ALERT_SLACK_PATH: "LeakCanarySlackPath4c8d",
  GITHUB_APP_PRIVATE_KEY: keyLine,
  DATABASE_PASSWORD: "LeakCanaryDbPass2a6f",
  PIPEWATCH_PASSWORD: "LeakCanaryPassword8b2e",
  AUTH_GITHUB_SECRET: "leak-canary-oauth-client-secret-6c1f",
  PIPEWATCH_METRICS_TOKEN: "leak-canary-metrics-token-d93a",
};

/** A database of our own on TEST_DATABASE_URL (its password is then a canary too); else embedded. */
const serverUrl = process.env.TEST_DATABASE_URL;
const databaseName = `ops_secrets_${process.pid}`;

function databaseUrl(): string {
  if (!serverUrl) return "";
  const url = new URL(serverUrl);
  url.password = SECRETS.DATABASE_PASSWORD;
  url.pathname = `/${databaseName}`;
  return url.toString();
}

function environment(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    PIPEWATCH_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl(),
    // Nothing answers there: every sync fails, and its errors are logged.
    GITHUB_API_URL: "http://127.0.0.1:9",
    PIPEWATCH_REPOS: "acme/api",
    GITHUB_TOKEN: SECRETS.GITHUB_TOKEN,
    GITHUB_APP_ID: "12345",
    GITHUB_APP_PRIVATE_KEY: privateKey.replace(/\n/g, "\\n"),
    GITHUB_WEBHOOK_SECRET: SECRETS.GITHUB_WEBHOOK_SECRET,
    AUTH_SECRET: SECRETS.AUTH_SECRET,
    SMTP_URL: `smtps://pipewatch:${SECRETS.SMTP_PASSWORD}@127.0.0.1:9`,
    DIGEST_TO: "team@example.com",
    ALERT_EMAIL_TO: "oncall@example.com",
    ALERT_WEBHOOK_URL: "http://127.0.0.1:9/alerts",
    ALERT_WEBHOOK_SECRET: SECRETS.ALERT_WEBHOOK_SECRET,
    ALERT_SLACK_WEBHOOK_URL: `http://127.0.0.1:9/services/T0/B0/${SECRETS.ALERT_SLACK_PATH}`,
    PIPEWATCH_PASSWORD: SECRETS.PIPEWATCH_PASSWORD,
    AUTH_GITHUB_ID: "Iv1.leakcanaryclient",
    AUTH_GITHUB_SECRET: SECRETS.AUTH_GITHUB_SECRET,
    PIPEWATCH_GITHUB_ORGS: "acme",
    PIPEWATCH_GITHUB_WEB_URL: "http://127.0.0.1:9",
    PIPEWATCH_METRICS_TOKEN: SECRETS.PIPEWATCH_METRICS_TOKEN,
    LOG_LEVEL: "debug",
  };
}

/** Where `value` occurs in `text`, as a short excerpt, or null. */
function findLeak(text: string, value: string): string | null {
  const at = text.indexOf(value);
  return at < 0 ? null : text.slice(Math.max(0, at - 60), at + value.length + 20);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    const stat = statSync(file);
    return stat.isDirectory() ? filesUnder(file) : [file];
  });
}

/** Signs `request` (the page's own, so the browser shares the session) in with the password,
 *  after one wrong attempt; every answer is kept. */
async function signIn(request: APIRequestContext): Promise<void> {
  for (const pathname of ["/api/auth/providers", "/api/auth/session", "/api/auth/csrf"]) {
    const response = await request.get(`${BASE}${pathname}`);
    bodies.push({ where: pathname, text: await response.text() });
  }
  for (const password of ["wrong-password", SECRETS.PIPEWATCH_PASSWORD]) {
    const { csrfToken } = (await (await request.get(`${BASE}/api/auth/csrf`)).json()) as {
      csrfToken: string;
    };
    const response = await request.post(`${BASE}/api/auth/callback/password`, {
      form: { csrfToken, password, callbackUrl: "/" },
    });
    bodies.push({
      where: `sign-in with ${password.length} characters`,
      text: await response.text(),
    });
  }
  const session = await request.get(`${BASE}/api/auth/session`);
  expect(await session.json()).toHaveProperty("user");
}

const PAGES = [
  "/sign-in",
  "/",
  "/tests",
  "/status",
  "/digest",
  "/digest/2026-W47",
  "/digest/nonsense",
  "/tv",
];
const BAD_PAGES = ["/pipelines/999999999", "/pipelines/abc", "/?window=forever", "/nowhere"];
const API = [
  "/api/health",
  "/api/metrics",
  "/api/v1/openapi.json",
  "/api/v1/flags",
  "/api/v1/flags?state=nonsense",
  "/api/v1/pipelines",
  "/api/v1/pipelines?window=0d",
  "/api/v1/pipelines/999999999",
  "/api/v1/pipelines/abc",
  "/api/v1/pipelines/sparklines",
  "/api/v1/runs",
  "/api/v1/runs?limit=-1",
  "/api/v1/sync",
  "/api/v1/tests/flaky",
  "/api/v1/tests/history",
  "/api/v1/tests/history?test=x&bogus=1",
];

let server: ChildProcess;
let output = "";
const bodies: { where: string; text: string }[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName}`);
    await admin.query(`CREATE DATABASE ${databaseName}`);
    await admin.end();
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "pipewatch-e2e-secrets-"));
  server = spawn(process.execPath, ["bin/pipewatch.mjs", "start"], {
    env: environment(dataDir),
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [server.stdout, server.stderr])
    stream?.on("data", (chunk) => {
      output += String(chunk);
    });
  await expect
    .poll(async () => (await fetch(`${BASE}/api/health`).catch(() => null))?.status ?? 0, {
      timeout: 150_000,
    })
    .toBeGreaterThan(0);
});

test.afterAll(async () => {
  if (server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
});

async function visitPage(page: Page, pathname: string) {
  const response = await page.goto(`${BASE}${pathname}`);
  bodies.push({ where: pathname, text: (await response?.text()) ?? "" });
  await page.waitForLoadState("networkidle");
  bodies.push({ where: `${pathname} (rendered)`, text: await page.content() });
}

test("visit every page and API route, error paths included", async ({ page }) => {
  test.setTimeout(240_000);
  const request = page.request;
  await signIn(request);
  const metrics = await request.get(`${BASE}/api/metrics`, {
    headers: { authorization: `Bearer ${SECRETS.PIPEWATCH_METRICS_TOKEN}` },
  });
  bodies.push({ where: "/api/metrics with the token", text: await metrics.text() });
  // What the browser fetches on its own (the views' API polls) is kept too.
  page.on("response", async (response) => {
    const text = await response.text().catch(() => "");
    bodies.push({ where: response.url(), text });
  });
  for (const pathname of [...PAGES, ...BAD_PAGES]) await visitPage(page, pathname);
  for (const pathname of API) {
    const response = await request.get(`${BASE}${pathname}`);
    bodies.push({ where: pathname, text: await response.text() });
  }
  // Webhooks: unsigned, wrongly signed, and signed but malformed.
  const body = JSON.stringify({ action: "completed", workflow_run: { id: "x" } });
  const signature = `sha256=${createHmac("sha256", SECRETS.GITHUB_WEBHOOK_SECRET).update(body).digest("hex")}`;
  const headers = { "x-github-event": "workflow_run", "x-github-delivery": "leak-1" };
  for (const sign of [null, "sha256=00", signature]) {
    const response = await request.post(`${BASE}/api/webhooks/github`, {
      data: body,
      headers: {
        ...headers,
        "content-type": "application/json",
        ...(sign ? { "x-hub-signature-256": sign } : {}),
      },
    });
    expect(response.status()).toBeLessThan(600);
    bodies.push({ where: `webhook ${sign ?? "unsigned"}`, text: await response.text() });
  }
  // Let the worker try (and fail) to sync, and the alerts and digest start, so they log.
  await page.waitForTimeout(8_000);
});

test("no secret appears in .next, the server's output or any response", async () => {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
  expect(output).toContain("pipewatch"); // the output was captured at all
  expect(bodies.length).toBeGreaterThan(PAGES.length + API.length);
  const leaks: string[] = [];
  const places: { where: string; text: () => string }[] = [
    { where: "server output", text: () => output },
    ...bodies.map((b) => ({ where: `response ${b.where}`, text: () => b.text })),
    ...filesUnder(".next").map((file) => ({
      where: file,
      text: () => readFileSync(file).toString("latin1"),
    })),
  ];
  for (const place of places) {
    const text = place.text();
    for (const [name, value] of Object.entries(SECRETS)) {
      const excerpt = findLeak(text, value);
      if (excerpt) leaks.push(`${name} in ${place.where}: …${excerpt}…`);
    }
  }
  expect(leaks).toEqual([]);
});
