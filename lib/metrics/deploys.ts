// Deploy pipelines and their last successful deploy (docs/metrics.md):
// - a pipeline deploys when configured so (workflows.is_deploy), else when its workflow name or
//   path, or one of its job names, matches DEPLOY_PATTERN, or its runs create deployments;
// - its deploy job is the configured one (deploy_job_name), else the job whose name matches,
//   else (a workflow matched by name or path) the last job of each run to finish;
// - a successful deploy is a run whose deploy job succeeded (at the job's completed_at), or a
//   deployment status `success` (at its created_at) of a deployment that points at one of the
//   pipeline's runs, or else on the SHA of one of its runs.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";

/** What a deploy is called in workflow, file and job names. */
export const DEPLOY_PATTERN = "deploy|release|publish|ship|rollout";

export type DeployInfo = { isDeploy: boolean; lastDeployAt: string | null };

/**
 * Common table expressions over the workflows of `repoIds`: `deploy` (id, repo_id, is_deploy,
 * how its deploy job is recognised) and `deploy_events` (workflow_id, at, run_id, job_id: every
 * successful deploy of a deploy pipeline; job_id null for a deployment status). Shared by the
 * metrics and the deploy flag rules so that both count the same deploys.
 */
export function deployCtes(repoIds: number[]): Prisma.Sql {
  const ids = repoIds.map(BigInt);
  return Prisma.sql`
    flows AS (
      SELECT w.id, w.repo_id, w.deploy_job_name,
        (w.name ~* ${DEPLOY_PATTERN} OR w.path ~* ${DEPLOY_PATTERN}) AS by_name,
        EXISTS (SELECT 1 FROM jobs j WHERE j.workflow_id = w.id AND j.name ~* ${DEPLOY_PATTERN}) AS by_job,
        EXISTS (SELECT 1 FROM deployments d JOIN workflow_runs r ON r.id = d.run_id
                 WHERE r.workflow_id = w.id) AS by_deployments,
        w.is_deploy
      FROM workflows w WHERE w.repo_id = ANY(${ids}::bigint[])
    ), deploy AS (
      SELECT id, repo_id, deploy_job_name, by_name, by_job,
        coalesce(is_deploy, by_name OR by_job OR by_deployments) AS is_deploy
      FROM flows
    ), deploy_events AS (
      -- The deploy job of each run: configured, else matched by name, else the last to finish.
      SELECT f.id AS workflow_id, j.completed_at AS at, j.run_id, j.id AS job_id
      FROM deploy f JOIN jobs j ON j.workflow_id = f.id
      WHERE f.is_deploy AND j.conclusion = 'success' AND (
        (f.deploy_job_name IS NOT NULL AND j.name = f.deploy_job_name)
        OR (f.deploy_job_name IS NULL AND f.by_job AND j.name ~* ${DEPLOY_PATTERN})
        OR (f.deploy_job_name IS NULL AND NOT f.by_job AND f.by_name AND j.completed_at = (
              SELECT max(k.completed_at) FROM jobs k
               WHERE k.run_id = j.run_id AND k.run_attempt = j.run_attempt)))
      UNION ALL
      SELECT f.id, s.created_at, d.run_id, NULL::bigint
      FROM deploy f
        JOIN deployments d ON d.repo_id = f.repo_id
        JOIN deployment_statuses s ON s.deployment_id = d.id AND s.state = 'success'
      WHERE f.is_deploy AND (
        EXISTS (SELECT 1 FROM workflow_runs r WHERE r.id = d.run_id AND r.workflow_id = f.id)
        OR (d.run_id IS NULL AND EXISTS (
              SELECT 1 FROM workflow_runs r WHERE r.workflow_id = f.id AND r.head_sha = d.sha)))
    )`;
}

type Row = { workflow_id: bigint; is_deploy: boolean; last_deploy: Date | null };

/** Whether each workflow of the repositories deploys, and its last successful deploy. */
export async function queryDeploys(db: Db, repoIds: number[]): Promise<Map<number, DeployInfo>> {
  const rows = await db.$queryRaw<Row[]>`
    WITH ${deployCtes(repoIds)}
    SELECT f.id AS workflow_id, f.is_deploy,
      CASE WHEN f.is_deploy THEN max(e.at) END AS last_deploy
    FROM deploy f LEFT JOIN deploy_events e ON e.workflow_id = f.id
    GROUP BY f.id, f.is_deploy`;
  return new Map(
    rows.map((r) => [
      Number(r.workflow_id),
      { isDeploy: r.is_deploy, lastDeployAt: r.last_deploy?.toISOString() ?? null },
    ]),
  );
}
