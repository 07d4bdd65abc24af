// npm run docs:screenshots [-- --url URL --port N --data-dir DIR --out docs/screenshots]: the
// README's screenshots of every dashboard page, on the demo data, at 1280×800 (desktop) and 375×812
// (phone), each the whole page: overview, pipeline (the slow one, whose chart shows points above
// its threshold), tests and status, as <page>-<desktop|phone>.png.
import path from "node:path";
import { parseArgs } from "node:util";
import { launchChromium, openDemo } from "./pages-demo.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    port: { type: "string", default: "3230" },
    "data-dir": { type: "string" },
    out: { type: "string", default: "docs/screenshots" },
  },
});

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 375, height: 812 },
} as const;

type Listed = { pipelines: { id: string; flags: { kind: string }[] }[] };

/** The pipeline flagged slow: the page that shows the most (threshold, points above it). */
async function slowPipeline(url: string): Promise<string> {
  const { pipelines } = (await (await fetch(`${url}/api/v1/pipelines`)).json()) as Listed;
  const slow = pipelines.find((p) => p.flags.some((f) => f.kind === "slow")) ?? pipelines[0];
  if (!slow) throw new Error("the demo has no pipeline");
  return `/pipelines/${slow.id}`;
}

const demo = await openDemo({ url: values.url, port: values.port, dataDir: values["data-dir"] });
try {
  const pages = {
    overview: "/",
    pipeline: await slowPipeline(demo.url),
    tests: "/tests",
    status: "/status",
  };
  const browser = await launchChromium();
  try {
    for (const [device, viewport] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      for (const [name, pathname] of Object.entries(pages)) {
        const page = await context.newPage();
        await page.goto(`${demo.url}${pathname}`, { waitUntil: "networkidle" });
        // The pipeline page's charts are drawn in the browser after their library arrives.
        if (name === "pipeline") await page.locator(".recharts-surface").first().waitFor();
        const file = path.join(values.out ?? "docs/screenshots", `${name}-${device}.png`);
        await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
        console.log(`${file}  ${pathname}`);
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
} finally {
  demo.stop();
}
