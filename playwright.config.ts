// End-to-end tests in real Chromium against the real app: built, started on its embedded
// database (a fresh data directory per run), exactly as `npm start` runs it.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { accessServerEnv, OAUTH_APP } from "./e2e/access/access-env.ts";

const PORT = Number(process.env.PIPEWATCH_E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** A second app running the demo (simulator + sync), for the dashboard's tests. */
const DEMO_PORT = PORT + 1;
export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}`;
/** A third app with access control on (e2e/access), and the simulator it signs in with
 *  (PORT+2 and +3 are e2e/tv-large.spec.ts's own app and simulator). */
const ACCESS_PORT = PORT + 4;
export const ACCESS_URL = `http://127.0.0.1:${ACCESS_PORT}`;
const SIMULATOR_PORT = PORT + 5;
const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;

// Set once in the main process; workers inherit it through the environment.
process.env.PIPEWATCH_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "pipewatch-e2e-"));
process.env.PIPEWATCH_E2E_DEMO_DIR ??= mkdtempSync(path.join(tmpdir(), "pipewatch-e2e-demo-"));
process.env.PIPEWATCH_E2E_ACCESS_DIR ??= mkdtempSync(path.join(tmpdir(), "pipewatch-e2e-access-"));

/** The system Chromium where there is one (offline machines, CI), else Playwright's own. */
function chromiumExecutable(): string | undefined {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, "/usr/bin/chromium"];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}
const executablePath = chromiumExecutable();
const launchOptions = executablePath
  ? { executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] }
  : {};

export default defineConfig({
  testDir: "e2e",
  globalTeardown: "./e2e/global-teardown.ts",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: BASE_URL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      // The app on an empty database: first-run pages, health, the single-instance lock.
      name: "chromium",
      testIgnore: ["demo/**", "access/**"],
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      // Waits until the demo's first sync is complete, so every dashboard test sees its flags.
      name: "demo-ready",
      testMatch: "demo/ready.setup.ts",
      use: { baseURL: DEMO_URL },
    },
    {
      name: "demo",
      testMatch: "demo/**/*.spec.ts",
      dependencies: ["demo-ready"],
      use: { ...devices["Desktop Chrome"], launchOptions, baseURL: DEMO_URL },
    },
    {
      // Access control on: sign-in with the password and with GitHub (the simulator), the gate.
      name: "access",
      testMatch: "access/**/*.spec.ts",
      use: { ...devices["Desktop Chrome"], launchOptions, baseURL: ACCESS_URL },
    },
  ],
  // Both servers run the build `npm run test:e2e` makes first (two builds at once would clash).
  webServer: [
    {
      command: "node bin/pipewatch.mjs start",
      url: `${BASE_URL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      // Stop it like Ctrl-C would, so it closes the embedded database and releases its lock.
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(PORT),
        HOST: "127.0.0.1",
        PIPEWATCH_DATA_DIR: process.env.PIPEWATCH_E2E_DATA_DIR,
        PIPEWATCH_REPOS: "",
        DATABASE_URL: "",
      },
    },
    {
      command: "node bin/pipewatch.mjs demo",
      url: `${DEMO_URL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(DEMO_PORT),
        HOST: "127.0.0.1",
        PIPEWATCH_DATA_DIR: process.env.PIPEWATCH_E2E_DEMO_DIR,
        DATABASE_URL: "",
      },
    },
    {
      // GitHub for the access app's sign-in: its OAuth app and people (octocat is in acme).
      command: `node bin/pipewatch.mjs sim --port ${SIMULATOR_PORT} --speed 0 --oauth-app ${OAUTH_APP.id}:${OAUTH_APP.secret}`,
      url: `${SIMULATOR_URL}/rate_limit`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "node bin/pipewatch.mjs start",
      url: `${ACCESS_URL}/api/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      stdout: "pipe",
      stderr: "pipe",
      env: accessServerEnv(ACCESS_PORT, SIMULATOR_URL, process.env.PIPEWATCH_E2E_ACCESS_DIR ?? ""),
    },
  ],
});
