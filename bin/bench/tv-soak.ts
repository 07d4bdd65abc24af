// npm run soak:tv [-- --minutes 30 --every 60 --url URL | --port N --data-dir DIR
// --page-seconds 10]: the TV wall left running against the live demo (simulator with live
// time, the sync polling it), in Chromium at 1920x1080: every --every seconds, after a garbage
// collection forced through the DevTools protocol, the JS heap in use, the DOM nodes, the event
// listeners, and what the wall shows (page, outage). A leak shows as heap or nodes that grow
// from sample to sample; a wall that froze shows as an outage or a page that never turns.
import { parseArgs } from "node:util";
import { launchChromium, openDemo } from "./pages-demo.ts";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    every: { type: "string", default: "60" },
    url: { type: "string" },
    port: { type: "string", default: "3331" },
    "data-dir": { type: "string" },
    "page-seconds": { type: "string", default: "10" },
  },
});
const minutes = Number(values.minutes);
const every = Number(values.every);
if (!(minutes > 0) || !(every > 0)) throw new Error("--minutes and --every: positive numbers");

type Sample = {
  at: number;
  heapMb: number;
  nodes: number;
  listeners: number;
  page: string;
  outage: string;
  tiles: number;
};

const demo = await openDemo({ url: values.url, port: values.port, dataDir: values["data-dir"] });
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  await page.goto(`${demo.url}/tv?page-seconds=${values["page-seconds"]}`);
  await page.getByTestId("tv-tile").first().waitFor();
  const started = Date.now();

  const sample = async (): Promise<Sample> => {
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
    const wall = page.getByTestId("tv-wall");
    const pager = page.getByTestId("tv-page");
    return {
      at: (Date.now() - started) / 60_000,
      heapMb: metric("JSHeapUsedSize") / 2 ** 20,
      nodes: metric("Nodes"),
      listeners: metric("JSEventListeners"),
      page: (await pager.count()) > 0 ? ((await pager.getAttribute("data-page")) ?? "?") : "1",
      outage: (await wall.getAttribute("data-outage")) ?? "?",
      tiles: await page.getByTestId("tv-tile").count(),
    };
  };
  const row = (s: Sample) =>
    [
      s.at.toFixed(1).padStart(6),
      s.heapMb.toFixed(2).padStart(8),
      String(s.nodes).padStart(6),
      String(s.listeners).padStart(9),
      String(s.tiles).padStart(5),
      s.page.padStart(4),
      s.outage.padStart(11),
    ].join("  ");

  console.log(`TV wall soak: ${demo.url}/tv for ${minutes} min, a sample every ${every} s`);
  console.log("   min   heap MB   nodes  listeners  tiles  page       outage");
  const samples: Sample[] = [];
  while (true) {
    const s = await sample();
    samples.push(s);
    console.log(row(s));
    if (Date.now() - started >= minutes * 60_000) break;
    await page.waitForTimeout(Math.min(every * 1000, started + minutes * 60_000 - Date.now()));
  }
  const first = samples[0];
  const last = samples.at(-1);
  if (first && last) {
    const later = samples.slice(Math.floor(samples.length / 2));
    const max = (xs: number[]) => Math.max(...xs);
    console.log(`\nstart  heap ${first.heapMb.toFixed(2)} MB, ${first.nodes} DOM nodes`);
    console.log(
      `end    heap ${last.heapMb.toFixed(2)} MB, ${last.nodes} DOM nodes (after ${last.at.toFixed(1)} min)`,
    );
    console.log(
      `max    heap ${max(samples.map((s) => s.heapMb)).toFixed(2)} MB, ${max(samples.map((s) => s.nodes))} DOM nodes; second half max heap ${max(later.map((s) => s.heapMb)).toFixed(2)} MB`,
    );
    console.log(
      `outages seen: ${samples.filter((s) => s.outage !== "none").length} of ${samples.length} samples`,
    );
  }
  await context.close();
} finally {
  await browser.close();
  demo.stop();
}
