// npm run bench:pages [-- --url URL --loads N --port N --data-dir DIR]: how fast the dashboard's
// pages load in Chromium on the demo data (issue 6: every page's first load under 1 s).
//   1. the demo app (`node bin/pipewatch.mjs demo`, built first when stale) on --port with its
//      data in --data-dir, and its first sync awaited; or the app already running at --url;
//   2. each page (/, the pipeline with the most runs, /tests, /status) loaded N times cold (a new
//      browser context: empty cache, new connection) and N times warm (one context, loaded once
//      before): time to the load event, first contentful paint, server response (TTFB) and the
//      JavaScript transferred (by the time the network is quiet, so chunks imported lazily
//      count), as the browser's own Navigation and Resource Timing report them.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Browser, type BrowserContext, chromium } from "@playwright/test";
import { type PageLoad, printLoads, summarize } from "./pages-report.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    loads: { type: "string", default: "5" },
    port: { type: "string", default: "3230" },
    "data-dir": { type: "string" },
  },
});
const loads = Number(values.loads);
if (!Number.isInteger(loads) || loads < 1)
  throw new Error(`--loads: a positive integer, not ${values.loads}`);

/** The system Chromium where there is one (as playwright.config.ts), else Playwright's own. */
function launchChromium(): Promise<Browser> {
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
async function startDemo(port: number): Promise<{ url: string; server: ChildProcess }> {
  const dataDir = values["data-dir"] ?? mkdtempSync(path.join(tmpdir(), "pipewatch-bench-pages-"));
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
async function busiestPipeline(url: string): Promise<string> {
  const { pipelines } = (await (await fetch(`${url}/api/v1/pipelines`)).json()) as {
    pipelines: { id: string; runs: number }[];
  };
  const busiest = pipelines.toSorted((a, b) => b.runs - a.runs)[0];
  if (!busiest) throw new Error("the demo has no pipeline");
  return `/pipelines/${busiest.id}`;
}

/** One navigation in `context`, measured by the page itself once its load event has passed. */
async function loadOnce(context: BrowserContext, url: string): Promise<PageLoad> {
  const page = await context.newPage();
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()}`);
  // FCP can be reported a frame after the load event.
  await page.waitForFunction(
    () => performance.getEntriesByName("first-contentful-paint").length > 0,
  );
  const load = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    if (!nav) throw new Error("no navigation timing");
    const scripts = (
      performance.getEntriesByType("resource") as PerformanceResourceTiming[]
    ).filter((r) => r.initiatorType === "script" || new URL(r.name).pathname.endsWith(".js"));
    return {
      loadMs: nav.loadEventStart - nav.startTime,
      fcpMs: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN,
      ttfbMs: nav.responseStart - nav.requestStart,
      jsBytes: scripts.reduce((sum, r) => sum + r.transferSize, 0),
      jsFiles: scripts.length,
    };
  });
  await page.close();
  return load;
}

async function measurePage(browser: Browser, url: string) {
  const cold: PageLoad[] = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    cold.push(await loadOnce(context, url));
    await context.close();
  }
  const context = await browser.newContext();
  await loadOnce(context, url);
  const warm: PageLoad[] = [];
  for (let i = 0; i < loads; i++) warm.push(await loadOnce(context, url));
  await context.close();
  return { cold: summarize(cold), warm: summarize(warm) };
}

const started = values.url ? undefined : await startDemo(Number(values.port));
const base = values.url ?? started?.url ?? "";
try {
  await waitFor("the demo's first sync", () => firstSyncDone(base), 15 * 60_000, 5_000);
  const pages = ["/", await busiestPipeline(base), "/tests", "/status"];
  const browser = await launchChromium();
  try {
    const results = [];
    for (const pathname of pages)
      results.push({ page: pathname, ...(await measurePage(browser, `${base}${pathname}`)) });
    printLoads(results, loads);
  } finally {
    await browser.close();
  }
} finally {
  started?.server.kill("SIGTERM");
}
