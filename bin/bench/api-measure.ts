// Timing of bench:api: each endpoint variant called in-process (warm-up, then N timed
// requests), the SQL each request sent (recorded at node-postgres, under Prisma's adapter), and
// EXPLAIN (ANALYZE, BUFFERS) of the slowest statement on request.
import pg from "pg";
import { type CpuSample, cpuBetween } from "./api-cpu.ts";
import type { Endpoint } from "./api-endpoints.ts";

export type Statement = { text: string; values: unknown[]; ms: number };

export type Measurement = {
  endpoint: Endpoint;
  status: number;
  bytes: number;
  ms: number[];
  statements: number;
  /** Each distinct statement's median time across the timed requests, slowest first. */
  byStatement: { text: string; values: unknown[]; p50: number }[];
  /** CPU milliseconds of the database backends per timed request (null: not measurable). */
  dbCpuMs: number | null;
  /** The statement with the highest median time across the timed requests. */
  slowest: { text: string; values: unknown[]; p50: number } | null;
};

let recording: Statement[] | null = null;

/**
 * Records every statement sent through node-postgres while a request runs. pg's Pool calls
 * `client.query(config, values, callback)`; a direct caller may use the promise instead.
 */
export function recordStatements(): void {
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  const wrapped = function (this: pg.Client, ...args: unknown[]) {
    const log = recording;
    const [config, values] = args;
    const text = typeof config === "string" ? config : (config as { text?: string })?.text;
    if (!log || !text) return original.apply(this, args);
    const params = Array.isArray(values)
      ? values
      : ((config as { values?: unknown[] })?.values ?? []);
    const started = performance.now();
    const done = () => log.push({ text, values: params, ms: performance.now() - started });
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (...results: unknown[]) => unknown;
      return original.apply(this, [
        ...args.slice(0, -1),
        (...results: unknown[]) => {
          done();
          return callback(...results);
        },
      ]);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(done, () => undefined);
    return result;
  };
  pg.Client.prototype.query = wrapped as typeof pg.Client.prototype.query;
}

/** Linear interpolation between the two nearest ranks, as percentile_cont. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (rank - low);
}

async function call(endpoint: Endpoint, GET: Awaited<ReturnType<Endpoint["load"]>>["GET"]) {
  const request = new Request(`http://localhost${endpoint.path}`);
  const context = { params: Promise.resolve(endpoint.params ?? { id: "" }) };
  const started = performance.now();
  const response = await GET(request, context);
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, body };
}

function byStatement(perRequest: Statement[][]): Measurement["byStatement"] {
  const byText = new Map<string, { values: unknown[]; ms: number[] }>();
  for (const statements of perRequest) {
    for (const s of statements) {
      const entry = byText.get(s.text) ?? { values: s.values, ms: [] };
      entry.ms.push(s.ms);
      byText.set(s.text, entry);
    }
  }
  return [...byText]
    .map(([text, entry]) => ({
      text,
      values: entry.values,
      p50: percentile(
        entry.ms.sort((a, b) => a - b),
        0.5,
      ),
    }))
    .sort((a, b) => b.p50 - a.p50);
}

/** Warms `endpoint` up, then times `requests` calls one after the other. */
export async function measure(
  endpoint: Endpoint,
  options: { warmup: number; requests: number; dbCpu: () => Promise<CpuSample | null> },
): Promise<Measurement> {
  const { GET } = await endpoint.load();
  let last = await call(endpoint, GET);
  for (let i = 1; i < options.warmup; i++) last = await call(endpoint, GET);
  const ms: number[] = [];
  const perRequest: Statement[][] = [];
  // Sampled after the warm-up, so that the pool's backends exist at both ends.
  const cpuBefore = await options.dbCpu();
  for (let i = 0; i < options.requests; i++) {
    const statements: Statement[] = [];
    recording = statements;
    last = await call(endpoint, GET);
    recording = null;
    // Let the last statements' callbacks run before reading them.
    await new Promise((resolve) => setImmediate(resolve));
    ms.push(last.ms);
    perRequest.push(statements);
  }
  const cpuAfter = await options.dbCpu();
  if (last.status !== 200)
    console.log(`  ${endpoint.path}: ${last.status} ${last.body.slice(0, 300)}`);
  const statements = byStatement(perRequest);
  const spent = cpuBetween(cpuBefore, cpuAfter);
  const dbCpuMs = spent === null ? null : spent / options.requests;
  return {
    endpoint,
    status: last.status,
    bytes: Buffer.byteLength(last.body),
    ms: ms.sort((a, b) => a - b),
    statements: Math.round(perRequest.reduce((n, s) => n + s.length, 0) / perRequest.length),
    byStatement: statements,
    dbCpuMs,
    slowest: statements[0] ?? null,
  };
}

const fixed = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? "" : value.toFixed(1);

/** The results table; `baseline` (p95 by path, from an earlier --json) adds a ratio column. */
export function printTable(results: Measurement[], baseline?: Map<string, number>): void {
  const head = [
    "endpoint and query",
    "status",
    "p50 ms",
    "p95 ms",
    "max ms",
    "bytes",
    "stmts",
    "slowest stmt p50",
    "db cpu/req",
  ];
  if (baseline) head.push("p95 before", "speed-up");
  const rows = results.map((r) => {
    const p95 = percentile(r.ms, 0.95);
    const row = [
      r.endpoint.path,
      String(r.status),
      fixed(percentile(r.ms, 0.5)),
      fixed(p95),
      fixed(r.ms.at(-1)),
      String(r.bytes),
      String(r.statements),
      fixed(r.slowest?.p50),
      r.dbCpuMs === null ? "" : r.dbCpuMs.toFixed(0),
    ];
    if (baseline) {
      const before = baseline.get(r.endpoint.path);
      row.push(fixed(before), before === undefined ? "" : `${(before / p95).toFixed(1)}x`);
    }
    return row;
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")}`;
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}

/** EXPLAIN (ANALYZE, BUFFERS) of each endpoint's slowest statement, run once more. */
/**
 * For each endpoint: its statements (median time within the request, and alone) and
 * EXPLAIN (ANALYZE, BUFFERS) of the `top` slowest.
 */
export async function printExplains(
  url: string,
  results: Measurement[],
  options: { maxLines: number; top: number },
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // As the app's sessions run (lib/db/client.ts).
  await client.query("SET jit = off; SET TimeZone = 'UTC'");
  const explain = async (format: string, s: { text: string; values: unknown[] }) =>
    (await client.query(`EXPLAIN (ANALYZE, ${format}) ${s.text}`, s.values)).rows;
  try {
    const seen = new Set<string>();
    for (const r of results) {
      if (!r.slowest || seen.has(r.slowest.text + JSON.stringify(r.slowest.values))) continue;
      seen.add(r.slowest.text + JSON.stringify(r.slowest.values));
      // Side by side, statements wait for each other's CPU: alone, each shows its own cost.
      console.log(`\n${r.endpoint.path}: statements by median time (ms in the request, alone)`);
      for (const s of r.byStatement.slice(0, 12)) {
        const [row] = await explain("FORMAT JSON", s);
        const ms = (row?.["QUERY PLAN"] as { "Execution Time": number }[] | undefined)?.[0]?.[
          "Execution Time"
        ];
        const text = s.text.replace(/\s+/g, " ").trim().slice(0, 100);
        console.log(`  ${fixed(s.p50).padStart(8)} ${fixed(ms).padStart(8)}  ${text}`);
      }
      for (const [i, s] of r.byStatement.slice(0, options.top).entries()) {
        const plan = (await explain("BUFFERS", s)).map((row) => String(row["QUERY PLAN"]));
        console.log(`EXPLAIN (ANALYZE, BUFFERS) of statement ${i + 1}:`);
        for (const line of plan.slice(0, options.maxLines)) console.log(`    ${line}`);
        if (plan.length > options.maxLines)
          console.log(`    ... ${plan.length - options.maxLines} more lines`);
      }
    }
  } finally {
    await client.end();
  }
}
