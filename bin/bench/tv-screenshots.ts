// npm run docs:screenshots:tv [-- --url URL --port N --data-dir DIR --out docs/screenshots
// --name tv]: the TV wall on the demo data at 1920x1080 and 3840x2160, as <name>-<size>.png,
// and each scaled to 25% (<name>-<size>-25.png, not committed) to judge it from across the room.
import path from "node:path";
import { parseArgs } from "node:util";
import { launchChromium, openDemo } from "./pages-demo.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    port: { type: "string", default: "3330" },
    "data-dir": { type: "string" },
    out: { type: "string", default: "docs/screenshots" },
    name: { type: "string", default: "tv" },
    query: { type: "string", default: "" },
    quarter: { type: "boolean", default: false },
  },
});

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

const demo = await openDemo({ url: values.url, port: values.port, dataDir: values["data-dir"] });
try {
  const browser = await launchChromium();
  try {
    for (const viewport of SIZES) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.goto(`${demo.url}/tv${values.query ?? ""}`, { waitUntil: "networkidle" });
      await page.getByTestId("tv-clock").filter({ hasText: /\d/ }).waitFor();
      const base = path.join(
        values.out ?? "docs/screenshots",
        `${values.name}-${viewport.width}x${viewport.height}`,
      );
      await page.screenshot({ path: `${base}.png`, animations: "disabled" });
      console.log(`${base}.png`);
      if (values.quarter) {
        // The same screen seen small: the screenshot drawn at 25% in a page of its own.
        const shot = (await page.screenshot({ animations: "disabled" })).toString("base64");
        const small = await context.newPage();
        await small.setViewportSize({ width: viewport.width / 4, height: viewport.height / 4 });
        await small.setContent(
          `<body style="margin:0"><img style="width:100%;display:block" src="data:image/png;base64,${shot}"></body>`,
        );
        await small.screenshot({ path: `${base}-25.png` });
        console.log(`${base}-25.png`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
} finally {
  demo.stop();
}
