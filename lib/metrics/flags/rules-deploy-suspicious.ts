// deploy_suspicious (docs/metrics.md): the latest successful deploy, or a step of it that
// pushes, took a fraction of its usual time. The "push exited 0 but uploaded nothing" failure.
import "server-only";
import type { Db } from "@/lib/db/client";
import { deployCtes } from "../deploys.ts";
import { type Candidate, humanDuration } from "./types.ts";

/** Step names that ship something. */
export const SHIPPING_STEP_PATTERN = "push|deploy|upload|publish|release";
/** Below this fraction of its median, a deploy (or a shipping step) is suspicious. */
const FRACTION = 0.2;
/** Earlier successful deploys needed for a median worth comparing with. */
const MIN_HISTORY = 5;

type Row = {
  workflow_id: bigint;
  repo_id: bigint;
  name: string;
  job: string;
  part_kind: "job" | "step";
  part: string;
  at: Date;
  ms: number;
  median_ms: number;
  earlier: number;
};

/**
 * Deploy pipelines whose latest successful default-branch deploy by a job took less than 20%
 * of that job's median over the successful deploys of the 30 days before it (at least 5), or
 * had a step matching SHIPPING_STEP_PATTERN that did, against the same step's median.
 */
export async function deploySuspicious(db: Db, repoIds: number[]): Promise<Candidate[]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH ${deployCtes(repoIds)},
    deployed AS (
      SELECT e.workflow_id, e.at, e.job_id, j.name AS job,
        extract(epoch FROM j.completed_at - j.started_at) * 1000 AS ms,
        row_number() OVER (PARTITION BY e.workflow_id ORDER BY e.at DESC, e.job_id DESC) AS n
      FROM deploy_events e JOIN jobs j ON j.id = e.job_id
        JOIN workflow_runs r ON r.id = e.run_id JOIN repositories repo ON repo.id = r.repo_id
      WHERE e.job_id IS NOT NULL AND r.head_branch = repo.default_branch
        AND j.started_at IS NOT NULL AND j.completed_at IS NOT NULL
    ), latest AS (
      SELECT workflow_id, at, job FROM deployed WHERE n = 1
    ), parts AS (
      -- The deploy job itself, and each of its steps that ships something.
      SELECT d.workflow_id, d.n, d.at, d.job, 'job' AS part_kind, d.job AS part, d.ms
      FROM deployed d JOIN latest l ON l.workflow_id = d.workflow_id AND l.job = d.job
      WHERE d.at >= l.at - interval '30 days'
      UNION ALL
      SELECT d.workflow_id, d.n, d.at, d.job, 'step', s.name,
        extract(epoch FROM s.completed_at - s.started_at) * 1000
      FROM deployed d JOIN latest l ON l.workflow_id = d.workflow_id AND l.job = d.job
        JOIN steps s ON s.job_id = d.job_id
      WHERE d.at >= l.at - interval '30 days' AND s.name ~* ${SHIPPING_STEP_PATTERN}
        AND s.conclusion = 'success' AND s.started_at IS NOT NULL AND s.completed_at IS NOT NULL
    ), history AS (
      SELECT workflow_id, part_kind, part, count(*)::int AS earlier,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::float8 AS median_ms
      FROM parts WHERE n > 1 GROUP BY workflow_id, part_kind, part
    )
    SELECT p.workflow_id, w.repo_id, w.name, p.job, p.part_kind, p.part, p.at,
      p.ms::float8 AS ms, h.median_ms, h.earlier
    FROM parts p JOIN history h USING (workflow_id, part_kind, part)
      JOIN workflows w ON w.id = p.workflow_id
    WHERE p.n = 1 AND h.earlier >= ${MIN_HISTORY} AND p.ms < ${FRACTION} * h.median_ms`;
  // One flag per pipeline: the part furthest below its usual time.
  const worst = new Map<bigint, Row>();
  for (const row of rows) {
    const seen = worst.get(row.workflow_id);
    if (!seen || row.ms / row.median_ms < seen.ms / seen.median_ms) worst.set(row.workflow_id, row);
  }
  return [...worst.values()].map((r) => {
    const what = r.part_kind === "job" ? `job "${r.job}"` : `step "${r.part}" of job "${r.job}"`;
    const share = Math.round((100 * r.ms) / r.median_ms);
    return {
      kind: "deploy_suspicious",
      severity: "warning",
      repoId: Number(r.repo_id),
      workflowId: Number(r.workflow_id),
      since: r.at,
      message: `Suspiciously fast deploy: ${what} in "${r.name}" took ${humanDuration(r.ms)}, ${share}% of its usual ${humanDuration(r.median_ms)} over ${r.earlier} earlier deploys; check that it shipped anything`,
      detail: {
        job: r.job,
        step: r.part_kind === "step" ? r.part : null,
        ms: Math.round(r.ms),
        medianMs: Math.round(r.median_ms),
        earlierDeploys: r.earlier,
      },
    };
  });
}
