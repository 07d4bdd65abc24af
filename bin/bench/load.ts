// npm run bench:load [-- --days N --duration S --connections N --interval S --port N
//   --sim-port N --database-url URL --worker app|process]: the API and the TV wall under load, with the poller running
// (issue 9: 50 concurrent clients on the large scenario, requests/s and p99, no errors, the
// poller keeping its schedule):
//   1. the simulator's large scenario (250 pipelines, live time at real speed, so the poller
//      has new runs to read meanwhile) in its own process;
//   2. a fresh database `pipewatch_load_<random>` on TEST_DATABASE_URL's server (or
//      --database-url), filled by `pipewatch sync --once`;
//   3. the app as in production (`pipewatch start --build`, its worker polling every
//      --interval seconds), then, for each target (GET /api/v1/pipelines, the /tv page, and
//      the TV wall's own polls), 1 client (the baseline) then --connections clients for
//      --duration seconds each, with autocannon;
//   4. the poller's schedule from sync_states all along: sync starts per minute and how late
//      after their due time, idle and under load. --worker process runs the poller as its own
//      process (`pipewatch worker`, the web server with PIPEWATCH_WORKER=off) instead of inside
//      the web server, as a deployment under heavy viewer load would.
// The database is dropped at the end.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import {
  describeSchedule,
  hammer,
  type LoadResult,
  printLoads,
  type Target,
  watchSchedule,
} from "./load-measure.ts";
import { onServer as onServerOf } from "./server-sql.ts";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    days: { type: "string", default: "7" },
    duration: { type: "string", default: "15" },
    connections: { type: "string", default: "50" },
    interval: { type: "string", default: "60" },
    port: { type: "string", default: "3710" },
    "sim-port": { type: "string", default: "3711" },
    worker: { type: "string", default: "app" },
  },
});
if (values.worker !== "app" && values.worker !== "process")
  throw new Error(`--worker must be app or process, got ${values.worker}`);
const separateWorker = values.worker === "process";
const seconds = Number(values.duration);
const clients = Number(values.connections);
const intervalMs = Number(values.interval) * 1000;
const serverUrl =
  values["database-url"] ??
  process.env.TEST_DATABASE_URL ??
  "postgresql://postgres@127.0.0.1:5432/postgres";
const name = `pipewatch_load_${randomBytes(4).toString("hex")}`;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
const appUrl = `http://127.0.0.1:${values.port}`;
const simUrl = `http://127.0.0.1:${values["sim-port"]}`;

// What the wall fetches (components/tv/wall-view.tsx): the page, then its two polls.
const TARGETS: Target[] = [
  { name: "GET /api/v1/pipelines", paths: ["/api/v1/pipelines"] },
  { name: "GET /tv (page)", paths: ["/tv"] },
  { name: "GET /api/v1/flags?state=open", paths: ["/api/v1/flags?state=open"] },
  {
    name: "TV wall (page + its 2 polls)",
    paths: ["/tv", "/api/v1/pipelines", "/api/v1/flags?state=open"],
  },
];

const children: ChildProcess[] = [];
function run(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["bin/pipewatch.mjs", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}
const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(what: string, url: string, headers: Record<string, string>, ms: number) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const ok = await fetch(url, { headers }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(1_000);
  }
  throw new Error(`${what}: not ready after ${ms / 1000} s`);
}

const onServer = (sql: string) => onServerOf(serverUrl, sql);

async function query<T extends pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function countRuns(): Promise<string> {
  const [row] = await query<{ runs: string; jobs: string; repos: string }>(
    `SELECT (SELECT count(*) FROM workflow_runs) AS runs, (SELECT count(*) FROM jobs) AS jobs,
            (SELECT count(*) FROM repositories WHERE tracked) AS repos`,
  );
  return `${row?.repos} repositories, ${row?.runs} runs, ${row?.jobs} jobs`;
}

async function trackedRepositories(): Promise<number> {
  const [row] = await query<{ n: number }>(
    "SELECT count(*)::int AS n FROM repositories WHERE tracked",
  );
  return row?.n ?? 0;
}

/** Waits until every repository has been synced by the app's worker, started at `since`. */
async function waitForFirstPass(since: Date): Promise<void> {
  for (;;) {
    const [row] = await query<{ left: number }>(
      `SELECT count(*)::int AS left FROM repositories r LEFT JOIN sync_states s ON s.repo_id = r.id
        WHERE r.tracked AND (s.last_success_at IS NULL OR s.last_success_at < $1)`,
      [since],
    );
    if (row?.left === 0) return;
    await sleep(1_000);
  }
}

const github = {
  DATABASE_URL: databaseUrl,
  GITHUB_API_URL: simUrl,
  GITHUB_TOKEN: "t",
  PIPEWATCH_REPOS: "acme-large/*",
  PIPEWATCH_DATA_DIR: mkdtempSync(path.join(tmpdir(), "pipewatch-load-")),
};

console.log(
  `Machine: ${cpus()[0]?.model ?? "?"}, ${availableParallelism()} CPUs, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; Node ${process.version}`,
);
await onServer(`CREATE DATABASE "${name}"`);
try {
  await migrate(databaseUrl);
  const sim = run(
    [
      "sim",
      "--scenario",
      "large",
      "--days",
      values.days,
      "--port",
      values["sim-port"],
      "--token",
      "t",
      "--budget",
      "10000000",
    ],
    {},
  );
  await waitUntil("the simulator", `${simUrl}/rate_limit`, { authorization: "token t" }, 60_000);
  let started = performance.now();
  const sync = run(["sync", "--once"], github);
  const code = await exited(sync);
  if (code !== 0) throw new Error(`pipewatch sync --once exited with ${code}`);
  const repos = await trackedRepositories();
  console.log(
    `Synced the large scenario (${values.days} days) in ${((performance.now() - started) / 1000).toFixed(0)} s: ${await countRuns()}`,
  );

  started = performance.now();
  const appStarted = new Date();
  const polling = { ...github, PIPEWATCH_POLL_INTERVAL: values.interval };
  run(["start", "--build"], {
    ...polling,
    HOST: "127.0.0.1",
    PORT: values.port,
    ...(separateWorker ? { PIPEWATCH_WORKER: "off" } : {}),
  });
  await waitUntil("the app", `${appUrl}/api/health`, {}, 900_000);
  if (separateWorker) run(["worker"], polling);
  console.log(
    `The app answers at ${appUrl} (started in ${((performance.now() - started) / 1000).toFixed(0)} s); its worker (${separateWorker ? "its own process" : "inside the web server"}) polls every ${values.interval} s`,
  );
  for (const target of TARGETS) for (const p of target.paths) await fetch(`${appUrl}${p}`); // warm

  // The schedule is measured from the steady state: once the app's worker has made its first
  // pass (after the sync above, every repository fell due at once).
  await waitForFirstPass(appStarted);
  console.log(
    `Its worker's first pass done ${((Date.now() - appStarted.getTime()) / 1000).toFixed(0)} s after start; one interval idle, then the load`,
  );
  const schedule = watchSchedule(databaseUrl);
  const idleFrom = Date.now();
  await sleep(intervalMs);
  const idleTo = Date.now();
  const results: LoadResult[] = [];
  for (const target of TARGETS) {
    results.push(await hammer(appUrl, target, 1, seconds));
    results.push(await hammer(appUrl, target, clients, seconds));
  }
  const starts = await schedule.stop();
  if (sim.exitCode !== null) throw new Error("the simulator stopped during the run");

  console.log(`\n${seconds} s per line (1 client = the baseline of the same run):`);
  printLoads(results);
  console.log(
    `\nThe poller (PIPEWATCH_POLL_INTERVAL=${values.interval} s; on schedule: ${(repos * 60_000) / intervalMs} sync starts a minute, each at its due time):`,
  );
  const phases = [
    { label: "idle, before the load", windows: [{ from: idleFrom, to: idleTo }] },
    ...[1, clients].map((n) => ({
      label: `during the ${n}-client runs`,
      windows: results.filter((r) => r.clients === n).map((r) => ({ from: r.from, to: r.to })),
    })),
  ];
  for (const { label, windows } of phases) {
    const s = describeSchedule(starts, windows);
    console.log(
      `  ${label.padEnd(28)} ${String(s.starts).padStart(4)} starts (${s.perMinute.toFixed(1)}/min); late after due: p50 ${s.lateP50.toFixed(1)} s, p95 ${s.lateP95.toFixed(1)} s, max ${s.lateMax.toFixed(1)} s`,
    );
  }
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? exited(c) : null)));
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  console.log(`Dropped ${name}`);
}
