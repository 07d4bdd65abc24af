// End-to-end tests in real Chromium against the real app: built, started on its embedded
// database (a fresh data directory per run), exactly as `npm start` runs it.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.PIPEWATCH_E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

// Set once in the main process; workers inherit it through the environment.
process.env.PIPEWATCH_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "pipewatch-e2e-"));

/** The system Chromium where there is one (offline machines, CI), else Playwright's own. */
function chromiumExecutable(): string | undefined {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, "/usr/bin/chromium"];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}
const executablePath = chromiumExecutable();

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
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: executablePath
          ? {
              executablePath,
              args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            }
          : {},
      },
    },
  ],
  webServer: {
    command: "node bin/pipewatch.mjs start --build",
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
});
