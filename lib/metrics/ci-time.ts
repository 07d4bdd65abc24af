// Per pipeline: total CI time, the sum of its completed runs' durations (run_started_at to
// updated_at of the latest attempt, as run-stats.ts measures a run) over the runs in scope.
// The weekly digest's "total CI time" (docs/metrics.md).
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { pipelinesOf, runsInScope } from "./run-stats.ts";
import type { Scope } from "./scope.ts";
import { msBetween } from "./sql-time.ts";

/** Total run time in milliseconds of each pipeline with completed runs in scope. */
export async function queryCiTime(
  db: Db,
  scope: Scope,
  repoIds?: number[],
): Promise<Map<number, number>> {
  const duration = msBetween(Prisma.sql`r.run_started_at`, Prisma.sql`r.updated_at`);
  const rows = await db.$queryRaw<{ workflow_id: bigint; total_ms: number }[]>`
    SELECT w.id AS workflow_id, t.total_ms
    FROM workflows w JOIN repositories repo ON repo.id = w.repo_id CROSS JOIN LATERAL (
      SELECT count(*) AS runs, coalesce(sum(${duration}), 0)::float8 AS total_ms
      FROM workflow_runs r
      WHERE ${runsInScope(scope)} AND r.status = 'completed' AND r.run_started_at IS NOT NULL
    ) t
    WHERE ${pipelinesOf(repoIds)} AND t.runs > 0`;
  return new Map(rows.map((r) => [Number(r.workflow_id), Math.round(r.total_ms)]));
}
