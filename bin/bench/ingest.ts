// npm run bench:ingest [-- --days N --scenario S --no-baseline]: how fast and how cheaply the poller ingests
// the simulator's large scenario (250 pipelines), measured in one run:
//   1. a full sync into a fresh database: runs per second; API requests per run against the
//      lower bound (see ingest-model.ts), endpoint by endpoint;
//   2. the baseline: the same sync one run at a time (concurrency 1), for the speed-up ratio;
//   3. a steady-state pass over the unchanged organisation: the share answered 304 (free).
// The database is TEST_DATABASE_URL's server when set, else an in-memory embedded one.
import { parseArgs } from "node:util";
import { createDb } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { Exchange } from "@/lib/github/client";
import { startSimulator } from "@/lib/simulator/server/index";
import { DAY } from "@/lib/sync/run-windows";
import { syncSelected } from "@/lib/sync/sync";
import { testSyncEnvironment } from "@/lib/sync/testing";
import { lowerBound, partOf } from "./ingest-model.ts";

const { values } = parseArgs({
  options: {
    days: { type: "string", default: "3" },
    scenario: { type: "string", default: "large" },
    "no-baseline": { type: "boolean", default: false },
  },
});
const days = Number(values.days);
const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const SINCE = new Date(Math.floor((NOW - days * DAY) / DAY) * DAY);

type Setup = Awaited<ReturnType<typeof setUp>>;

async function setUp(concurrency: number) {
  const [database, sim] = await Promise.all([
    createTestDatabase(),
    startSimulator({
      scenario: values.scenario ?? "large",
      seed: 42,
      days,
      now: NOW,
      speed: 0,
      host: "127.0.0.1",
      port: 0,
      token: "t",
      budget: 10_000_000,
      budgetWindowMs: 3600_000,
    }),
  ]);
  const db = createDb(database.url, { max: concurrency + 4 });
  const exchanges: Exchange[] = [];
  const env = testSyncEnvironment(db, sim, NOW, { concurrency, record: exchanges });
  const owner = sim.sim.world.repos[0]?.owner ?? "acme";
  const close = async () => {
    await db.$disconnect();
    await Promise.all([database.drop(), sim.close()]);
  };
  return { db, sim, env, exchanges, selectors: [{ owner, repo: "*" as const }], close };
}

const apiOnly = (exchanges: Exchange[]) =>
  exchanges.filter((e) => !e.endpoint.endsWith("(download)"));

/** A full sync into the fresh database: seconds and runs stored. */
async function fullSync(setup: Setup) {
  const started = performance.now();
  const outcomes = await syncSelected(setup.env, setup.selectors, { since: SINCE });
  const seconds = (performance.now() - started) / 1000;
  const failed = outcomes.filter((o) => o.status !== "synced");
  if (failed.length > 0) throw new Error(`sync failed: ${JSON.stringify(failed[0])}`);
  return { seconds, runs: await setup.db.workflowRun.count() };
}

function reportRequests(setup: Setup, exchanges: Exchange[]) {
  const bound = lowerBound(setup.sim, NOW, SINCE.getTime());
  const api = apiOnly(exchanges);
  const byPart = new Map<string, number>();
  for (const e of api) byPart.set(partOf(e.endpoint), (byPart.get(partOf(e.endpoint)) ?? 0) + 1);
  console.log(
    `\nAPI requests of the full sync against the lower bound (${bound.runs} runs, ${bound.completedAttempts} completed attempts):`,
  );
  const cell = (v: string) => v.padStart(9);
  console.log(`  ${"".padEnd(30)}${cell("actual")}${cell("bound")}${cell("ratio")}`);
  const row = (name: string, got: number, min: number | null) =>
    console.log(
      `  ${name.padEnd(30)}${cell(String(got))}${cell(min === null ? "" : String(min))}${cell(min ? `${(got / min).toFixed(2)}x` : "")}`,
    );
  row("run lists (1 per 100 runs)", byPart.get("lists") ?? 0, bound.lists);
  row("jobs (1 per completed attempt)", byPart.get("jobs") ?? 0, bound.jobs);
  row("logs (1 per job with cache)", byPart.get("logs") ?? 0, bound.logs);
  row("artifacts (list + downloads)", byPart.get("artifacts") ?? 0, bound.artifacts);
  row("other (repos, workflows, ...)", byPart.get("other") ?? 0, null);
  row("total", api.length, bound.total);
  console.log(
    `  requests per ingested run: ${(api.length / bound.runs).toFixed(2)} (lower bound ${(bound.total / bound.runs).toFixed(2)})`,
  );
}

/** A second pass over the unchanged organisation, sweeping the whole horizon. */
async function steadyState(setup: Setup) {
  const before = setup.exchanges.length;
  const sweep = { ...setup.env, options: { ...setup.env.options, sweepEveryMs: 0 } };
  await syncSelected(sweep, setup.selectors, { since: SINCE });
  const steady = apiOnly(setup.exchanges.slice(before));
  const notModified = steady.filter((e) => e.status === 304).length;
  console.log(
    `\nSteady-state pass over the unchanged organisation (${setup.sim.sim.world.repos.length} repositories, whole ${days}-day horizon):`,
  );
  console.log(
    `  ${steady.length} API requests, ${notModified} answered 304 = ${((100 * notModified) / Math.max(1, steady.length)).toFixed(1)}% (target 100%); budget spent: ${steady.length - notModified}`,
  );
}

const database = process.env.TEST_DATABASE_URL
  ? "PostgreSQL (TEST_DATABASE_URL)"
  : "embedded PGlite, in memory";
console.log(
  `bench:ingest: scenario ${values.scenario}, ${days} days of history, database ${database}`,
);
const main = await setUp(6);
const measured = await fullSync(main);
const fullExchanges = [...main.exchanges];
console.log(
  `\nFull sync, 6 runs in parallel: ${measured.runs} runs in ${measured.seconds.toFixed(1)} s = ${(measured.runs / measured.seconds).toFixed(1)} runs/s`,
);
if (!values["no-baseline"]) {
  const base = await setUp(1);
  const baseline = await fullSync(base);
  console.log(
    `Baseline, one run at a time:   ${baseline.runs} runs in ${baseline.seconds.toFixed(1)} s = ${(baseline.runs / baseline.seconds).toFixed(1)} runs/s  (parallel/baseline: ${(baseline.seconds / measured.seconds).toFixed(2)}x)`,
  );
  await base.close();
}
reportRequests(main, fullExchanges);
await steadyState(main);
await main.close();
