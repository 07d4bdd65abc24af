// Per pipeline, on the repository's default branch and not limited to the window: the last
// success, the current failure streak and the longest gap between successes (docs/metrics.md).
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { FAILURE_CONCLUSIONS } from "./run-stats.ts";

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
 */
export async function queryStreaks(
  db: Db,
  window: { from: Date; to: Date },
  repoIds?: number[],
): Promise<Map<number, Streak>> {
  const repos = repoIds
    ? Prisma.sql`AND r.repo_id = ANY(${repoIds.map(BigInt)}::bigint[])`
    : Prisma.empty;
  const now = window.to;
  const rows = await db.$queryRaw<Row[]>`
    WITH runs AS (
      SELECT r.workflow_id, r.created_at, r.updated_at, r.conclusion
      FROM workflow_runs r JOIN repositories repo ON repo.id = r.repo_id
      WHERE r.head_branch = repo.default_branch AND r.status = 'completed' AND r.created_at <= ${now} ${repos}
    ), successes AS (
      SELECT workflow_id, created_at, updated_at FROM runs WHERE conclusion = 'success'
    ), last AS (
      SELECT workflow_id, max(created_at) AS last_created, max(updated_at) AS last_success
      FROM successes GROUP BY workflow_id
    ), prior AS (
      SELECT DISTINCT ON (workflow_id) workflow_id, updated_at
      FROM successes WHERE created_at < ${window.from} ORDER BY workflow_id, created_at DESC
    ), considered AS (
      SELECT workflow_id, updated_at FROM successes WHERE created_at >= ${window.from}
      UNION ALL SELECT workflow_id, updated_at FROM prior
    ), gaps AS (
      SELECT workflow_id,
        extract(epoch FROM updated_at - lag(updated_at) OVER (PARTITION BY workflow_id ORDER BY updated_at)) * 1000 AS gap
      FROM considered
    ), longest AS (
      SELECT workflow_id, max(gap) AS longest FROM gaps GROUP BY workflow_id
    ), streaks AS (
      SELECT f.workflow_id, count(*)::int AS n
      FROM runs f LEFT JOIN last l ON l.workflow_id = f.workflow_id
      WHERE f.conclusion = ANY(${FAILURE_CONCLUSIONS}::text[])
        AND (l.last_created IS NULL OR f.created_at > l.last_created)
      GROUP BY f.workflow_id
    )
    SELECT w.workflow_id, l.last_success, coalesce(s.n, 0) AS failure_streak,
      CASE WHEN l.last_success IS NULL THEN NULL ELSE greatest(
        coalesce(g.longest, 0), extract(epoch FROM ${now}::timestamptz - l.last_success) * 1000
      ) END::float8 AS longest_gap_ms
    FROM (SELECT DISTINCT workflow_id FROM runs) w
      LEFT JOIN last l ON l.workflow_id = w.workflow_id
      LEFT JOIN longest g ON g.workflow_id = w.workflow_id
      LEFT JOIN streaks s ON s.workflow_id = w.workflow_id`;
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
