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

/** What a deploy is called in workflow, file and job names. */
export const DEPLOY_PATTERN = "deploy|release|publish|ship|rollout";

export type DeployInfo = { isDeploy: boolean; lastDeployAt: string | null };

type Row = { workflow_id: bigint; is_deploy: boolean; last_deploy: Date | null };

/** Whether each workflow of the repositories deploys, and its last successful deploy. */
export async function queryDeploys(db: Db, repoIds: number[]): Promise<Map<number, DeployInfo>> {
  const ids = repoIds.map(BigInt);
  const rows = await db.$queryRaw<Row[]>`
    WITH flows AS (
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
    ), job_deploys AS (
      -- The deploy job of each run: configured, else matched by name, else the last to finish.
      SELECT f.id AS workflow_id, max(j.completed_at) AS at
      FROM deploy f JOIN jobs j ON j.workflow_id = f.id
      WHERE f.is_deploy AND j.conclusion = 'success' AND (
        (f.deploy_job_name IS NOT NULL AND j.name = f.deploy_job_name)
        OR (f.deploy_job_name IS NULL AND f.by_job AND j.name ~* ${DEPLOY_PATTERN})
        OR (f.deploy_job_name IS NULL AND NOT f.by_job AND f.by_name AND j.completed_at = (
              SELECT max(k.completed_at) FROM jobs k
               WHERE k.run_id = j.run_id AND k.run_attempt = j.run_attempt)))
      GROUP BY f.id
    ), status_deploys AS (
      SELECT f.id AS workflow_id, max(s.created_at) AS at
      FROM deploy f
        JOIN deployments d ON d.repo_id = f.repo_id
        JOIN deployment_statuses s ON s.deployment_id = d.id AND s.state = 'success'
      WHERE f.is_deploy AND (
        EXISTS (SELECT 1 FROM workflow_runs r WHERE r.id = d.run_id AND r.workflow_id = f.id)
        OR (d.run_id IS NULL AND EXISTS (
              SELECT 1 FROM workflow_runs r WHERE r.workflow_id = f.id AND r.head_sha = d.sha)))
      GROUP BY f.id
    )
    SELECT f.id AS workflow_id, f.is_deploy,
      CASE WHEN f.is_deploy THEN greatest(jd.at, sd.at) END AS last_deploy
    FROM deploy f
      LEFT JOIN job_deploys jd ON jd.workflow_id = f.id
      LEFT JOIN status_deploys sd ON sd.workflow_id = f.id`;
  return new Map(
    rows.map((r) => [
      Number(r.workflow_id),
      { isDeploy: r.is_deploy, lastDeployAt: r.last_deploy?.toISOString() ?? null },
    ]),
  );
}
