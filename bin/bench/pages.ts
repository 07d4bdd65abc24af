// npm run bench:pages [-- --url URL --loads N --port N --data-dir DIR]: how fast the dashboard's
// pages load in Chromium on the demo data (issue 6: every page's first load under 1 s).
//   1. the demo app (`node bin/pipewatch.mjs demo`, built first when stale) on --port with its
//      data in --data-dir, and its first sync awaited; or the app already running at --url;
//   2. each page (/, the pipeline with the most runs, /tests, /status) loaded N times cold (a new
//      browser context: empty cache, new connection) and N times warm (one context, loaded once
//      before): time to the load event, first contentful paint, server response (TTFB) and the
//      JavaScript transferred (by the time the network is quiet, so chunks imported lazily
//      count), as the browser's own Navigation and Resource Timing report them.
import { parseArgs } from "node:util";
import type { Browser, BrowserContext } from "@playwright/test";
import { busiestPipeline, launchChromium, openDemo } from "./pages-demo.ts";
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

/** One navigation in `context`, measured by the page itself once its load event has passed. */
async function loadOnce(context: BrowserContext, url: string): Promise<PageLoad> {
  const page = await context.newPage();
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()}`);
  // FCP can be reported a frame after the load event; what the page imports lazily (the pipeline
  // page's charts) arrives after it: JS is counted once the network is quiet.
  await page.waitForFunction(
    () => performance.getEntriesByName("first-contentful-paint").length > 0,
  );
  await page.waitForLoadState("networkidle");
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

const demo = await openDemo({ url: values.url, port: values.port, dataDir: values["data-dir"] });
const base = demo.url;
try {
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
  demo.stop();
}
