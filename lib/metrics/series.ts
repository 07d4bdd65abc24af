// One pipeline's metrics per hour or day of the window (docs/metrics.md, applied per bucket):
// every bucket from the one holding the window's start to the one holding its end, empty ones
// included, aligned on UTC hours or days. One query: generate_series for the buckets,
// percentile_cont for the percentiles.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { shaGroupsCte } from "./quality-stats.ts";
import { branchCondition, CANCELLED_CONCLUSIONS, FAILURE_CONCLUSIONS } from "./run-stats.ts";
import { type Scope, ScopeError, type Window } from "./scope.ts";

export type Bucket = "hour" | "day";
export const BUCKETS = ["hour", "day"] as const;

export type SeriesPoint = {
  /** The bucket's start, ISO 8601 UTC. */
  start: string;
  runs: number;
  successes: number;
  failures: number;
  cancelled: number;
  successRate: number | null;
  durationP50Ms: number | null;
  durationP95Ms: number | null;
  /** Cache restores of the bucket's runs: with the primary key, from a restore key, none found. */
  cacheHits: number;
  cachePartial: number;
  cacheMisses: number;
  cacheHitRate: number | null;
  flakyRate: number | null;
};

const HOUR = 3_600_000;
/** Windows up to this long default to hourly buckets. */
const HOURLY_BY_DEFAULT = 48 * HOUR;
/** Hourly buckets are refused above this (337 points are enough for a chart). */
const HOURLY_AT_MOST = 14 * 24 * HOUR;

/** The bucket for `window`: `hour` up to 48 hours, else `day`; `hour` refused above 14 days. */
export function parseBucket(bucket: Bucket | undefined, window: Window): Bucket {
  const span = window.to.getTime() - window.from.getTime();
  if (bucket === undefined) return span <= HOURLY_BY_DEFAULT ? "hour" : "day";
  if (bucket === "hour" && span > HOURLY_AT_MOST)
    throw new ScopeError(
      "bucket",
      `bucket=hour is for windows of at most 14d; use bucket=day for a ${window.text} window`,
    );
  return bucket;
}

/**
 * A SELECT of the window's buckets as `start`: every UTC hour or day from the one holding the
 * window's start to the one holding its end (shared with lib/metrics/sparklines.ts).
 */
export function bucketStarts(bucket: Bucket, window: Window): Prisma.Sql {
  return Prisma.sql`SELECT generate_series(
    date_trunc(${bucket}::text, ${window.from}::timestamptz, 'UTC'),
    date_trunc(${bucket}::text, ${window.to}::timestamptz, 'UTC'),
    make_interval(hours => ${bucket === "hour" ? 1 : 24}::int)) AS start`;
}

type Row = {
  start: Date;
  runs: number;
  successes: number;
  failures: number;
  cancelled: number;
  p50: number | null;
  p95: number | null;
  hits: number;
  partial: number;
  misses: number;
  flaky: number;
  counted: number;
};

const ms = (value: number | null) => (value === null ? null : Math.round(value));
const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The series of workflow `workflowId` over `scope`. Runs fall in the bucket of their
 * created_at; a head-SHA group (flakiness) in the bucket of its first run's created_at; cache
 * restores in the bucket of their run. The first and last buckets hold only the runs inside
 * the window.
 */
export async function getSeries(
  db: Db,
  scope: Scope,
  workflowId: number,
  bucket: Bucket,
): Promise<SeriesPoint[]> {
  const { from, to } = scope.window;
  const done = Prisma.sql`status = 'completed'`;
  const success = Prisma.sql`status = 'completed' AND conclusion = 'success' AND run_started_at IS NOT NULL`;
  const duration = Prisma.sql`extract(epoch FROM (updated_at - run_started_at)) * 1000`;
  const rows = await db.$queryRaw<Row[]>`
    WITH buckets AS (${bucketStarts(bucket, scope.window)}), runs AS (
      SELECT r.id, r.head_sha, r.created_at, r.status, r.conclusion, r.run_started_at, r.updated_at,
        date_trunc(${bucket}::text, r.created_at, 'UTC') AS bucket
      FROM workflow_runs r JOIN repositories repo ON repo.id = r.repo_id
      WHERE r.workflow_id = ${BigInt(workflowId)} AND r.created_at >= ${from} AND r.created_at <= ${to}
        AND ${branchCondition(scope.branch)}
    ), run_stats AS (
      SELECT bucket,
        count(*) FILTER (WHERE ${done})::int AS runs,
        count(*) FILTER (WHERE ${done} AND conclusion = 'success')::int AS successes,
        count(*) FILTER (WHERE ${done} AND conclusion = ANY(${FAILURE_CONCLUSIONS}::text[]))::int AS failures,
        count(*) FILTER (WHERE ${done} AND conclusion = ANY(${CANCELLED_CONCLUSIONS}::text[]))::int AS cancelled,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${duration}) FILTER (WHERE ${success}))::float8 AS p50,
        (percentile_cont(0.95) WITHIN GROUP (ORDER BY ${duration}) FILTER (WHERE ${success}))::float8 AS p95
      FROM runs GROUP BY bucket
    ), cache AS (
      SELECT runs.bucket,
        count(*) FILTER (WHERE c.outcome = 'exact')::int AS hits,
        count(*) FILTER (WHERE c.outcome = 'partial')::int AS partial,
        count(*) FILTER (WHERE c.outcome = 'miss')::int AS misses
      FROM cache_events c JOIN runs ON runs.id = c.run_id
      WHERE c.kind = 'restore'
      GROUP BY runs.bucket
    ), ${shaGroupsCte(scope, undefined, workflowId)}, flaky AS (
      SELECT date_trunc(${bucket}::text, first_at, 'UTC') AS bucket,
        count(*) FILTER (WHERE flaky)::int AS flaky,
        count(*) FILTER (WHERE counted)::int AS counted
      FROM shas GROUP BY 1
    )
    SELECT b.start,
      coalesce(s.runs, 0) AS runs, coalesce(s.successes, 0) AS successes,
      coalesce(s.failures, 0) AS failures, coalesce(s.cancelled, 0) AS cancelled,
      s.p50, s.p95,
      coalesce(c.hits, 0) AS hits, coalesce(c.partial, 0) AS partial,
      coalesce(c.misses, 0) AS misses,
      coalesce(f.flaky, 0) AS flaky, coalesce(f.counted, 0) AS counted
    FROM buckets b
      LEFT JOIN run_stats s ON s.bucket = b.start
      LEFT JOIN cache c ON c.bucket = b.start
      LEFT JOIN flaky f ON f.bucket = b.start
    ORDER BY b.start`;
  return rows.map((row) => ({
    start: row.start.toISOString(),
    runs: row.runs,
    successes: row.successes,
    failures: row.failures,
    cancelled: row.cancelled,
    successRate: ratio(row.successes, row.runs - row.cancelled),
    durationP50Ms: ms(row.p50),
    durationP95Ms: ms(row.p95),
    cacheHits: row.hits,
    cachePartial: row.partial,
    cacheMisses: row.misses,
    cacheHitRate: ratio(row.hits, row.hits + row.partial + row.misses),
    flakyRate: ratio(row.flaky, row.counted),
  }));
}
