// Per pipeline: its latest run on the scope's branch, whatever its status, for "status of the
// last run" on the overview. Not limited to the window: a pipeline that has not run for a
// week still shows how its last run ended (with its date beside it).
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { branchCondition } from "./run-stats.ts";
import type { BranchScope } from "./scope.ts";
import { msBetween } from "./sql-time.ts";

export type LastRun = {
  /** GitHub's run id. */
  id: string;
  runNumber: number;
  /** The latest attempt's status (queued, in_progress, completed, ...). */
  status: string | null;
  /** The latest attempt's conclusion; null until completed. */
  conclusion: string | null;
  createdAt: string;
  /** Once completed: its latest attempt's duration (run_started_at to updated_at), in ms. */
  durationMs: number | null;
  htmlUrl: string;
};

type Row = {
  workflow_id: bigint;
  id: bigint;
  run_number: number;
  status: string | null;
  conclusion: string | null;
  created_at: Date;
  duration_ms: number | null;
  html_url: string;
};

/**
 * The latest run (by created_at, then id) created up to `now` on `branch` of each of the
 * workflows `workflowIds`. Two index probes per workflow (max(created_at), then the runs at that
 * instant: GitHub's times are whole seconds, so two runs can share one), whatever the number of
 * runs stored; ordering by (created_at, id) at once would sort every run on the branch.
 */
export async function queryLastRuns(
  db: Db,
  branch: BranchScope,
  now: Date,
  workflowIds: number[],
): Promise<Map<number, LastRun>> {
  if (workflowIds.length === 0) return new Map();
  const onBranch = branchCondition(branch);
  const rows = await db.$queryRaw<Row[]>`
    SELECT w.id AS workflow_id, last.*
    FROM workflows w JOIN repositories repo ON repo.id = w.repo_id
      CROSS JOIN LATERAL (
        SELECT max(r.created_at) AS at FROM workflow_runs r
        WHERE r.workflow_id = w.id AND r.created_at <= ${now} AND ${onBranch}
      ) latest
      CROSS JOIN LATERAL (
        SELECT r.id, r.run_number, r.status, r.conclusion, r.created_at, r.html_url,
          CASE WHEN r.status = 'completed'
            THEN ${msBetween(Prisma.sql`r.run_started_at`, Prisma.sql`r.updated_at`)} END::float8 AS duration_ms
        FROM workflow_runs r
        WHERE r.workflow_id = w.id AND r.created_at = latest.at AND ${onBranch}
        ORDER BY r.id DESC
        LIMIT 1
      ) last
    WHERE w.id = ANY(${workflowIds.map(BigInt)}::bigint[])`;
  return new Map(
    rows.map((row) => [
      Number(row.workflow_id),
      {
        id: String(row.id),
        runNumber: row.run_number,
        status: row.status,
        conclusion: row.conclusion,
        createdAt: row.created_at.toISOString(),
        durationMs: row.duration_ms === null ? null : Math.round(row.duration_ms),
        htmlUrl: row.html_url,
      },
    ]),
  );
}
