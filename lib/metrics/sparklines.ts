// GET /api/v1/pipelines/sparklines: for the overview's small charts, every pipeline's median
// duration, runs and failures per bucket of the window (the definitions of docs/metrics.md per
// bucket, as the series of GET /api/v1/pipelines/{id}): one query for all pipelines, one row
// each (arrays by bucket: cheap to read at 200 pipelines x 91 days), and one for the buckets.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { UnknownRepositoryError } from "./pipelines.ts";
import { FAILURE_CONCLUSIONS, runsInScope } from "./run-stats.ts";
import type { Scope } from "./scope.ts";
import { type Bucket, bucketStarts, parseBucket } from "./series.ts";

export type SparklinePoint = {
  /** The bucket's start, ISO 8601 UTC. */
  start: string;
  /** Median duration of the bucket's successful runs; null without any. */
  durationP50Ms: number | null;
  /** Completed runs. */
  runs: number;
  /** Runs that concluded failure, timed_out or startup_failure. */
  failures: number;
};

export type PipelineSparkline = { id: string; points: SparklinePoint[] };

export type SparklinesReport = {
  generatedAt: string;
  window: { from: string; to: string };
  bucket: Bucket;
  pipelines: PipelineSparkline[];
};

/** One pipeline's values, bucket by bucket (the arrays keep the row count to one a pipeline). */
type Row = {
  workflow_id: bigint;
  runs: number[];
  failures: number[];
  p50: (number | null)[];
};

/**
 * Every pipeline of the tracked repositories (or of `repo`) with one point per bucket of the
 * window: hours for windows up to 48 hours, else days (parseBucket's default), every bucket
 * listed, empty ones included. Pipelines in workflow id order.
 */
export async function getSparklines(
  db: Db,
  scope: Scope,
  options: { repo?: string } = {},
): Promise<SparklinesReport> {
  const { from, to } = scope.window;
  const bucket = parseBucket(undefined, scope.window);
  let repoFilter = Prisma.empty;
  if (options.repo) {
    const repo = await db.repository.findFirst({
      where: { tracked: true, fullName: { equals: options.repo, mode: "insensitive" } },
      select: { id: true },
    });
    if (!repo) throw new UnknownRepositoryError(`no tracked repository ${options.repo}`);
    repoFilter = Prisma.sql`AND repo.id = ${repo.id}`;
  }
  const done = Prisma.sql`r.status = 'completed'`;
  const success = Prisma.sql`${done} AND r.conclusion = 'success' AND r.run_started_at IS NOT NULL`;
  const duration = Prisma.sql`extract(epoch FROM (r.updated_at - r.run_started_at)) * 1000`;
  // Pipeline by pipeline, each reading one index range of its runs in scope (runsInScope), as
  // the pipelines' own metrics do; then every bucket of every pipeline, empty ones included.
  const [starts, rows] = await Promise.all([
    db.$queryRaw<
      { start: Date }[]
    >`SELECT start FROM (${bucketStarts(bucket, scope.window)}) b ORDER BY start`,
    db.$queryRaw<Row[]>`
      WITH buckets AS (${bucketStarts(bucket, scope.window)}), pipelines AS (
        SELECT w.id FROM workflows w JOIN repositories repo ON repo.id = w.repo_id
        WHERE repo.tracked ${repoFilter}
      ), stats AS (
        SELECT w.id AS workflow_id, s.start, s.runs, s.failures, s.p50
        FROM workflows w JOIN repositories repo ON repo.id = w.repo_id CROSS JOIN LATERAL (
          SELECT date_trunc(${bucket}::text, r.created_at, 'UTC') AS start,
            count(*) FILTER (WHERE ${done})::int AS runs,
            count(*) FILTER (WHERE ${done} AND r.conclusion = ANY(${FAILURE_CONCLUSIONS}::text[]))::int AS failures,
            (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${duration}) FILTER (WHERE ${success}))::float8 AS p50
          FROM workflow_runs r WHERE ${runsInScope(scope)}
          GROUP BY 1
        ) s
        WHERE repo.tracked ${repoFilter}
      )
      SELECT p.id AS workflow_id,
        array_agg(coalesce(s.runs, 0) ORDER BY b.start) AS runs,
        array_agg(coalesce(s.failures, 0) ORDER BY b.start) AS failures,
        array_agg(s.p50 ORDER BY b.start) AS p50
      FROM pipelines p CROSS JOIN buckets b
        LEFT JOIN stats s ON s.workflow_id = p.id AND s.start = b.start
      GROUP BY p.id
      ORDER BY p.id`,
  ]);
  const isoStarts = starts.map((b) => b.start.toISOString());
  const pipelines = rows.map(
    (row): PipelineSparkline => ({
      id: String(row.workflow_id),
      points: isoStarts.map((start, i) => {
        const p50 = row.p50[i] ?? null;
        return {
          start,
          durationP50Ms: p50 === null ? null : Math.round(p50),
          runs: row.runs[i] ?? 0,
          failures: row.failures[i] ?? 0,
        };
      }),
    }),
  );
  return {
    generatedAt: new Date().toISOString(),
    window: { from: from.toISOString(), to: to.toISOString() },
    bucket,
    pipelines,
  };
}
