// Per pipeline, on the repository's default branch and not limited to the window: the last
// success, the current failure streak and the longest gap between successes (docs/metrics.md).
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { FAILURE_CONCLUSIONS, pipelinesOf } from "./run-stats.ts";
import { msBetween } from "./sql-time.ts";

export type Streak = {
  lastSuccessAt: string | null;
  sinceLastSuccessMs: number | null;
  failureStreak: number;
  longestGapMs: number | null;
};

type Row = {
  workflow_id: bigint;
  last_success: Date | null;
  failure_streak: number;
  longest_gap_ms: number | null;
};

/**
 * Streaks of every pipeline with runs on its default branch. Gaps are measured between the
 * `updated_at` of consecutive successes: those created in [from, now], the last one created
 * before `from`, and the open interval from the last success to `now`.
 *
 * Pipeline by pipeline, each part is a few probes of an index on the default branch's runs
 * (the last success by created_at and by updated_at, the failures since) or one range of the
 * index of successes by updated_at (the successes of the window, already in order), rather
 * than a pass over the whole history.
 */
export async function queryStreaks(
  db: Db,
  window: { from: Date; to: Date },
  repoIds?: number[],
  workflowId?: number,
): Promise<Map<number, Streak>> {
  const now = window.to;
  const runs = Prisma.sql`r.workflow_id = w.id AND r.head_branch = repo.default_branch
    AND r.status = 'completed' AND r.created_at <= ${now}`;
  const successes = Prisma.sql`${runs} AND r.conclusion = 'success'`;
  const gap = (a: Prisma.Sql, b: Prisma.Sql) => msBetween(a, b);
  const before = Prisma.sql`b.updated_at`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT w.id AS workflow_id, l.last_success, f.n AS failure_streak,
      CASE WHEN l.last_success IS NULL THEN NULL ELSE greatest(
        coalesce(g.longest, 0),
        CASE WHEN ${before} > g.last THEN ${gap(Prisma.sql`g.last`, before)} END,
        ${gap(Prisma.sql`l.last_success`, Prisma.sql`${now}::timestamptz`)}
      ) END::float8 AS longest_gap_ms
    FROM workflows w JOIN repositories repo ON repo.id = w.repo_id
      CROSS JOIN LATERAL (
        SELECT (SELECT max(r.created_at) FROM workflow_runs r WHERE ${successes}) AS last_created,
          (SELECT max(r.updated_at) FROM workflow_runs r WHERE ${successes}) AS last_success
      ) l
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS n FROM workflow_runs r
        WHERE ${runs} AND r.conclusion = ANY(${FAILURE_CONCLUSIONS}::text[])
          AND r.created_at > coalesce(l.last_created, '-infinity'::timestamptz)
      ) f
      -- The last success created before the window, whenever it finished.
      LEFT JOIN LATERAL (
        SELECT r.updated_at FROM workflow_runs r WHERE ${successes} AND r.created_at < ${window.from}
        ORDER BY r.created_at DESC, r.id DESC LIMIT 1
      ) b ON TRUE
      -- The successes created in the window, read in updated_at order from the index of
      -- successes (a success is never updated before it was created): each one's gap to the
      -- one before it, or to the last success before the window when that one finished
      -- between them (or before the first).
      CROSS JOIN LATERAL (
        SELECT max(CASE
            WHEN ${before} IS NULL THEN ${gap(Prisma.sql`s.prev`, Prisma.sql`s.updated_at`)}
            WHEN s.prev IS NULL THEN
              CASE WHEN ${before} <= s.updated_at THEN ${gap(before, Prisma.sql`s.updated_at`)} END
            WHEN ${before} > s.prev AND ${before} <= s.updated_at THEN greatest(
              ${gap(Prisma.sql`s.prev`, before)}, ${gap(before, Prisma.sql`s.updated_at`)})
            ELSE ${gap(Prisma.sql`s.prev`, Prisma.sql`s.updated_at`)}
          END) AS longest, max(s.updated_at) AS last
        FROM (
          SELECT r.updated_at, lag(r.updated_at) OVER (ORDER BY r.updated_at) AS prev
          FROM workflow_runs r
          WHERE ${successes} AND r.updated_at >= ${window.from} AND r.created_at >= ${window.from}
        ) s
      ) g
    WHERE ${pipelinesOf(repoIds, workflowId)} AND EXISTS (SELECT 1 FROM workflow_runs r WHERE ${runs})`;
  return new Map(
    rows.map((r) => [
      Number(r.workflow_id),
      {
        lastSuccessAt: r.last_success?.toISOString() ?? null,
        sinceLastSuccessMs: r.last_success ? now.getTime() - r.last_success.getTime() : null,
        failureStreak: r.failure_streak,
        longestGapMs: r.longest_gap_ms === null ? null : Math.round(r.longest_gap_ms),
      },
    ]),
  );
}
