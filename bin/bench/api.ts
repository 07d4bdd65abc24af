// npm run bench:api [-- --runs N --requests N --warmup N --explain [--explain-top N] --keep
//   --reuse DB --only REGEXP
//   --json FILE --baseline FILE --database-url URL]: how fast the JSON API answers over a large
// history (issue 5: GET /api/v1/pipelines in under 150 ms at p95 with 1,000,000 runs).
//   1. a fresh database `pipewatch_bench_<random>` on TEST_DATABASE_URL's server (or
//      --database-url), migrated, seeded with set-based SQL (api-seed.ts), VACUUM ANALYZE;
//      --reuse DB measures a database kept by an earlier --keep instead (migrating it first);
//   2. every endpoint of api-endpoints.ts called in-process through its route handler, with
//      DATABASE_URL pointing at that database: p50/p95/max, response size, statements;
//   3. --explain: each endpoint's statements timed alone, and EXPLAIN (ANALYZE, BUFFERS) of its
//      slowest (--explain-top N: of its N slowest).
// The database is dropped at the end unless --keep.
import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { availableParallelism as cpuCount, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "@/lib/db/migrate";
import { backendCpu } from "./api-cpu.ts";
import { ENDPOINTS, TARGET } from "./api-endpoints.ts";
import {
  type Measurement,
  measure,
  percentile,
  printExplains,
  printTable,
  recordStatements,
} from "./api-measure.ts";
import { describeShape, type SeedShape, seed } from "./api-seed.ts";
import { onServer as onServerOf } from "./server-sql.ts";

const { values } = parseArgs({
  options: {
    "database-url": { type: "string" },
    runs: { type: "string", default: "1000000" },
    repos: { type: "string", default: "40" },
    days: { type: "string", default: "400" },
    requests: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
    only: { type: "string" },
    explain: { type: "boolean", default: false },
    "explain-lines": { type: "string", default: "60" },
    "explain-top": { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    json: { type: "string" },
    baseline: { type: "string" },
  },
});

const serverUrl =
  values["database-url"] ??
  process.env.TEST_DATABASE_URL ??
  "postgresql://postgres@127.0.0.1:5432/postgres";
const shape: SeedShape = {
  runs: Number(values.runs),
  repos: Number(values.repos),
  days: Number(values.days),
};
const name = values.reuse ?? `pipewatch_bench_${randomBytes(4).toString("hex")}`;
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a bench database name: ${name}`);

const onServer = (sql: string) => onServerOf(serverUrl, sql);

function databaseUrl(): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function prepare(url: string): Promise<void> {
  if (values.reuse) {
    console.log(`Reusing database ${name}`);
    await migrate(url, { log: (line) => console.log(`  ${line}`) });
    return;
  }
  console.log(`Creating database ${name}; the seeded shape:`);
  for (const line of describeShape(shape)) console.log(`  - ${line}`);
  await onServer(`CREATE DATABASE "${name}"`);
  await migrate(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    await seed(client, shape, (line) => console.log(line));
  } finally {
    await client.end();
  }
  console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function describeDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ relname: string; rows: string; size: string }>(
      `SELECT c.relname, c.reltuples::bigint AS rows,
         pg_size_pretty(pg_total_relation_size(c.oid)) AS size
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.reltuples > 0
       ORDER BY pg_total_relation_size(c.oid) DESC`,
    );
    console.log("\nTables (estimated rows, size with indexes):");
    for (const row of rows)
      console.log(`  ${row.relname.padEnd(22)} ${row.rows.padStart(10)}  ${row.size}`);
    const total = await client.query<{ size: string }>(
      "SELECT pg_size_pretty(pg_database_size(current_database())) AS size",
    );
    console.log(`  database: ${total.rows[0]?.size}`);
  } finally {
    await client.end();
  }
}

async function readBaseline(file: string | undefined): Promise<Map<string, number> | undefined> {
  if (!file) return undefined;
  const saved = JSON.parse(await readFile(file, "utf8")) as { path: string; p95: number }[];
  return new Map(saved.map((s) => [s.path, s.p95]));
}

async function run(url: string): Promise<boolean> {
  await prepare(url);
  await describeDatabase(url);
  // The routes read DATABASE_URL through lib/config when they first query.
  process.env.DATABASE_URL = url;
  recordStatements();
  const baseline = await readBaseline(values.baseline);
  const only = values.only === undefined ? undefined : new RegExp(values.only);
  const selected = ENDPOINTS.filter((e) => !only || only.test(e.path));
  const sampler = new pg.Client({ connectionString: url });
  await sampler.connect();
  const options = {
    warmup: Number(values.warmup),
    requests: Number(values.requests),
    dbCpu: backendCpu(sampler, name),
  };
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  console.log(
    `\n${options.requests} timed requests per line, one at a time, after ${options.warmup} warm-up requests (load average ${load()} on ${cpuCount()} CPUs):`,
  );
  const results: Measurement[] = [];
  try {
    for (const endpoint of selected) results.push(await measure(endpoint, options));
  } finally {
    await sampler.end();
  }
  printTable(results, baseline);
  console.log(
    `  (load average ${load()} after; db cpu/req: CPU ms of the database's backends per request, whatever the other load)`,
  );
  if (values.json) {
    const saved = results.map((r) => ({
      path: r.endpoint.path,
      p50: percentile(r.ms, 0.5),
      p95: percentile(r.ms, 0.95),
    }));
    await writeFile(values.json, `${JSON.stringify(saved, null, 2)}\n`);
  }
  if (values.explain)
    await printExplains(url, results, {
      maxLines: Number(values["explain-lines"]),
      top: Number(values["explain-top"]),
    });
  const target = results.find((r) => r.endpoint.path === TARGET.path);
  if (!target) return true;
  const p95 = percentile(target.ms, 0.95);
  const ok = p95 < TARGET.p95Ms;
  console.log(
    `\n${TARGET.path}: p95 ${p95.toFixed(1)} ms, target < ${TARGET.p95Ms} ms: ${ok ? "met" : "NOT MET"}`,
  );
  return ok;
}

const url = databaseUrl();
let ok = false;
try {
  ok = await run(url);
} finally {
  const { getDb } = await import("@/lib/db/client");
  if (process.env.DATABASE_URL === url) await getDb().$disconnect();
  if (values.keep || values.reuse) console.log(`\nKept database ${name} (--reuse ${name})`);
  else {
    await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    console.log(`\nDropped database ${name}`);
  }
}
process.exitCode = ok ? 0 : 1;
