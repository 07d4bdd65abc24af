// Per deploy pipeline, over a window: how many times it deployed and the longest stretch of
// the window without a deploy. The deploys are deploys.ts's deploy_events (the same deploys
// the dashboard's last deploy and the deploy flags count); the weekly digest reads this.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { deployCtes } from "./deploys.ts";
import { msBetween } from "./sql-time.ts";

export type DeployActivity = {
  /** Runs that deployed (a deploy job and its deployment status count once), in the window. */
  deploys: number;
  /** The longest time between the window's start, its deploys and its end. */
  longestGapMs: number;
};

/** The deploy activity of every deploy pipeline of `repoIds` in `window`. */
export async function queryDeployActivity(
  db: Db,
  window: { from: Date; to: Date },
  repoIds: number[],
): Promise<Map<number, DeployActivity>> {
  const gap = msBetween(
    Prisma.sql`lag(at) OVER (PARTITION BY workflow_id ORDER BY at)`,
    Prisma.sql`at`,
  );
  const rows = await db.$queryRaw<
    { workflow_id: bigint; deploys: number; longest_gap_ms: number }[]
  >`
    WITH ${deployCtes(repoIds)}, events AS (
      SELECT workflow_id, at, run_id FROM deploy_events
      WHERE at >= ${window.from} AND at <= ${window.to}
    ), points AS (
      SELECT workflow_id, at FROM events
      UNION ALL SELECT id, ${window.from}::timestamptz FROM deploy WHERE is_deploy
      UNION ALL SELECT id, ${window.to}::timestamptz FROM deploy WHERE is_deploy
    ), gaps AS (
      SELECT workflow_id, ${gap} AS gap FROM points
    )
    SELECT d.id AS workflow_id,
      (SELECT count(DISTINCT e.run_id) + count(*) FILTER (WHERE e.run_id IS NULL)
         FROM events e WHERE e.workflow_id = d.id)::int AS deploys,
      (SELECT max(g.gap) FROM gaps g WHERE g.workflow_id = d.id)::float8 AS longest_gap_ms
    FROM deploy d WHERE d.is_deploy`;
  return new Map(
    rows.map((r) => [
      Number(r.workflow_id),
      { deploys: r.deploys, longestGapMs: Math.round(r.longest_gap_ms) },
    ]),
  );
}
