// The demo app the page benchmark and the screenshots look at: started as e2e's demo project
// starts it (or one already running), ready once its first sync is complete.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";

/** The system Chromium where there is one (as playwright.config.ts), else Playwright's own. */
export function launchChromium(): Promise<Browser> {
  const executablePath = [process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, "/usr/bin/chromium"].find(
    (candidate) => candidate && existsSync(candidate),
  );
  return chromium.launch(
    executablePath
      ? {
          executablePath,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        }
      : {},
  );
}

/** Polls `check` every `everyMs` until it says "ready", or throws its last answer at `timeoutMs`. */
async function waitFor(
  what: string,
  check: () => Promise<string>,
  timeoutMs: number,
  everyMs = 2_000,
) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    last = await check().catch((error: unknown) => String(error));
    if (last === "ready") return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`${what}: not ready after ${timeoutMs / 1000} s (${last})`);
}

/** The demo app, started as e2e's demo project starts it; its first sync takes 3 to 5 minutes. */
async function startDemo(
  port: number,
  dir: string | undefined,
): Promise<{ url: string; server: ChildProcess }> {
  const dataDir = dir ?? mkdtempSync(path.join(tmpdir(), "pipewatch-bench-pages-"));
  const url = `http://127.0.0.1:${port}`;
  console.log(`Starting the demo at ${url} (data in ${dataDir}); its first sync takes minutes…`);
  const server = spawn(process.execPath, ["bin/pipewatch.mjs", "demo"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PIPEWATCH_DATA_DIR: dataDir,
      DATABASE_URL: "",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor(
    "the demo app",
    async () => ((await fetch(`${url}/api/health`)).ok ? "ready" : "starting"),
    300_000,
  );
  return { url, server };
}

type Sync = { repositories: { repo: string; tracked: boolean; lastSuccessAt: string | null }[] };

/** Ready once every tracked repository has synced once, as e2e/demo/ready.setup.ts waits. */
async function firstSyncDone(url: string): Promise<string> {
  const { repositories } = (await (await fetch(`${url}/api/v1/sync`)).json()) as Sync;
  const waiting = repositories.filter((r) => r.tracked && r.lastSuccessAt === null);
  if (repositories.length === 0) return "no repository yet";
  return waiting.length === 0 ? "ready" : `waiting for ${waiting.map((r) => r.repo).join(", ")}`;
}

/** The pipeline with the most runs in the default window: the heaviest pipeline page. */
export async function busiestPipeline(url: string): Promise<string> {
  const { pipelines } = (await (await fetch(`${url}/api/v1/pipelines`)).json()) as {
    pipelines: { id: string; runs: number }[];
  };
  const busiest = pipelines.toSorted((a, b) => b.runs - a.runs)[0];
  if (!busiest) throw new Error("the demo has no pipeline");
  return `/pipelines/${busiest.id}`;
}

/**
 * The demo at `url`, or started on `port` with its data in `dataDir` (a new directory when left
 * out); ready once its first sync is complete. `stop` stops what was started, nothing else.
 */
export async function openDemo(options: { url?: string; port?: string; dataDir?: string }) {
  const started = options.url
    ? undefined
    : await startDemo(Number(options.port ?? 3230), options.dataDir);
  const url = options.url ?? started?.url ?? "";
  const stop = () => started?.server.kill("SIGTERM");
  try {
    await waitFor("the demo's first sync", () => firstSyncDone(url), 15 * 60_000, 5_000);
  } catch (error: unknown) {
    stop();
    throw error;
  }
  return { url, stop };
}
