// The TV wall with 250 pipelines (the simulator's `large` scenario, one day of history): fits a
// 1080p and a 4K screen without scrolling, pages by itself with what needs attention on page
// one, and when its server stops it says "unreachable" within two refresh intervals, then
// recovers by itself when the server is back. The spec runs its own simulator and app (ports
// PIPEWATCH_E2E_PORT+2 and +3), so it can stop and start the app.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { WALL_REFRESH_MS } from "../lib/queries/intervals.ts";
import { expectWallFits, tileLabels, WALL_SIZES } from "./tv-wall.ts";

const PORT = Number(process.env.PIPEWATCH_E2E_PORT ?? 3210);
const APP_URL = `http://127.0.0.1:${PORT + 2}`;
const SIM_PORT = PORT + 3;
const TOKEN = "ghp_tvwall";
const dataDir = mkdtempSync(path.join(tmpdir(), "pipewatch-e2e-tv-"));

let sim: ChildProcess | undefined;
let app: ChildProcess | undefined;

function startApp(): ChildProcess {
  return spawn(process.execPath, ["bin/pipewatch.mjs", "start"], {
    env: {
      ...process.env,
      PORT: String(PORT + 2),
      HOST: "127.0.0.1",
      PIPEWATCH_DATA_DIR: dataDir,
      DATABASE_URL: "",
      GITHUB_API_URL: `http://127.0.0.1:${SIM_PORT}`,
      GITHUB_TOKEN: TOKEN,
      GITHUB_APP_ID: "",
      PIPEWATCH_REPOS: "acme-large/*",
      PIPEWATCH_BACKFILL_DAYS: "1",
    },
    stdio: "ignore",
  });
}

/** Stops `child` like Ctrl-C (the embedded database closes and frees its lock) and waits. */
async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function pipelineCount(): Promise<number> {
  try {
    const response = await fetch(`${APP_URL}/api/v1/pipelines`);
    if (!response.ok) return -1;
    return ((await response.json()) as { pipelines: unknown[] }).pipelines.length;
  } catch {
    return -1;
  }
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  sim = spawn(
    process.execPath,
    [
      "bin/pipewatch.mjs",
      "sim",
      "--scenario",
      "large",
      "--days",
      "1",
      "--port",
      String(SIM_PORT),
      "--token",
      TOKEN,
      "--budget",
      "1000000",
    ],
    { stdio: "ignore" },
  );
  app = startApp();
  // Each repository's workflows arrive with its first sync: about 90 s for all 50.
  await expect
    .poll(pipelineCount, { timeout: 4 * 60_000, intervals: [3_000] })
    .toBeGreaterThanOrEqual(250);
});

test.afterAll(async () => {
  await stop(app);
  await stop(sim);
});

for (const viewport of WALL_SIZES)
  test(`250 pipelines fit ${viewport.width}x${viewport.height}: what needs attention on page one, then pages`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await page.goto(`${APP_URL}/tv?page-seconds=5`);
    await expect(page.getByTestId("tv-tile").first()).toBeVisible();
    await expectWallFits(page, viewport);
    // Page one: every pipeline that needs attention, the healthy ones as a count.
    const levels = await page
      .getByTestId("tv-tile")
      .evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-level")));
    const counts = ((await page.getByTestId("tv-counts").textContent()) ?? "").match(/\d+/g) ?? [];
    const [critical = 0, warning = 0, healthy = 0] = counts.map(Number);
    expect(critical + warning + healthy).toBe(250);
    expect(critical + warning).toBeGreaterThan(0);
    expect(levels.filter((l) => l !== "healthy")).toHaveLength(critical + warning);
    await expect(page.getByTestId("tv-healthy-summary")).toContainText(`${healthy} healthy`);
    // It pages by itself: page 2 holds other pipelines, and it still fits.
    const pager = page.getByTestId("tv-page");
    await expect(pager).toHaveAttribute("data-page", "1");
    await expect(pager).toContainText(/Page 1\/\d+/);
    const first = await tileLabels(page);
    await expect(pager).toHaveAttribute("data-page", "2", { timeout: 15_000 });
    const second = await tileLabels(page);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((label) => first.includes(label))).toEqual([]);
    await expectWallFits(page, viewport);
  });

test("stopping the server shows 'unreachable' within two refreshes; starting it clears it", async ({
  page,
}) => {
  test.setTimeout(4 * 60_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`${APP_URL}/tv`);
  const outage = page.getByTestId("tv-outage");
  await expect(page.getByTestId("tv-tile").first()).toBeVisible();
  await expect(outage).toHaveCount(0);
  const before = await tileLabels(page);

  await stop(app);
  await expect(outage).toContainText("unreachable", { timeout: 2 * WALL_REFRESH_MS });
  await expect(outage).toContainText("Showing the data of");
  // On top of the (dimmed) tiles, not under them.
  const box = await outage.boundingBox();
  const onTop = await page.evaluate(
    ([x, y]) =>
      document.elementFromPoint(x ?? 0, y ?? 0)?.closest('[data-testid="tv-outage"]') !== null,
    [(box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2],
  );
  expect(onTop, "the outage band is on top").toBe(true);
  await expect(page.getByTestId("tv-wall")).toHaveAttribute("data-outage", "unreachable");
  // The last data stays on screen.
  expect(await tileLabels(page)).toEqual(before);

  app = startApp();
  await expect.poll(pipelineCount, { timeout: 2 * 60_000 }).toBeGreaterThanOrEqual(250);
  await expect(outage).toHaveCount(0, { timeout: 2 * WALL_REFRESH_MS });
  await expect(page.getByTestId("tv-wall")).toHaveAttribute("data-outage", "none");
});
