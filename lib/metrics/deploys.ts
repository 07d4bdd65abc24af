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

/** Whether job `j` of deploy pipeline `f` (a row of `deploy`) is a successful deploy. */
function deployJob(): Prisma.Sql {
  return Prisma.sql`j.conclusion = 'success' AND (
    (f.deploy_job_name IS NOT NULL AND j.name = f.deploy_job_name)
    OR (f.deploy_job_name IS NULL AND f.by_job AND j.name ~* ${DEPLOY_PATTERN})
    OR (f.deploy_job_name IS NULL AND NOT f.by_job AND f.by_name AND j.completed_at = (
          SELECT max(k.completed_at) FROM jobs k
           WHERE k.run_id = j.run_id AND k.run_attempt = j.run_attempt)))`;
}

/**
 * Common table expression `flows`: the workflows of `repoIds` (or the one `workflowId` among
 * them) with how their name (`by_name`) and their jobs' names (`by_job`) say they deploy.
 */
function flowsCte(repoIds: number[], workflowId?: number): Prisma.Sql {
  const ids = repoIds.map(BigInt);
  const only =
    workflowId === undefined ? Prisma.empty : Prisma.sql`AND w.id = ${BigInt(workflowId)}`;
  return Prisma.sql`
    flows AS (
      SELECT w.id, w.repo_id, w.deploy_job_name, w.is_deploy,
        (w.name ~* ${DEPLOY_PATTERN} OR w.path ~* ${DEPLOY_PATTERN}) AS by_name,
        coalesce(n.by_job, false) AS by_job
      FROM workflows w LEFT JOIN (
        -- Each workflow's distinct job names, one probe of jobs (workflow_id, name) per name,
        -- rather than a pass over its jobs: a workflow has few job names and many jobs.
        WITH RECURSIVE job_names AS (
          SELECT w.id AS workflow_id,
            (SELECT min(j.name) FROM jobs j WHERE j.workflow_id = w.id) AS name
          FROM workflows w WHERE w.repo_id = ANY(${ids}::bigint[]) ${only}
          UNION ALL
          SELECT n.workflow_id,
            (SELECT min(j.name) FROM jobs j WHERE j.workflow_id = n.workflow_id AND j.name > n.name)
          FROM job_names n WHERE n.name IS NOT NULL
        )
        SELECT workflow_id, bool_or(name ~* ${DEPLOY_PATTERN}) AS by_job
        FROM job_names GROUP BY workflow_id
      ) n ON n.workflow_id = w.id
      WHERE w.repo_id = ANY(${ids}::bigint[]) ${only}
    )`;
}

/**
 * Common table expressions over the workflows of `repoIds` (or the one `workflowId` among
 * them): `deploy` (id, repo_id, is_deploy, how its deploy job is recognised) and `deploy_events`
 * (workflow_id, at, run_id, job_id: every successful deploy of a deploy pipeline; job_id null
 * for a deployment status). Shared by the metrics and the deploy flag rules so that both count
 * the same deploys.
 */
export function deployCtes(repoIds: number[], workflowId?: number): Prisma.Sql {
  return Prisma.sql`
    ${flowsCte(repoIds, workflowId)}, deploy AS (
      SELECT id, repo_id, deploy_job_name, by_name, by_job, coalesce(is_deploy, by_name OR by_job
        OR EXISTS (SELECT 1 FROM deployments d WHERE d.workflow_id = flows.id)) AS is_deploy
      FROM flows
    ), pipeline_deployments AS (
      -- The deployments of each deploy pipeline: those whose statuses point at one of its
      -- runs (deployments.workflow_id, set by the sync), and those pointing at none that are
      -- on the SHA of one of its runs.
      SELECT f.id AS workflow_id, d.id AS deployment_id, d.run_id
      FROM deploy f JOIN deployments d ON d.workflow_id = f.id AND d.repo_id = f.repo_id
      WHERE f.is_deploy
      UNION ALL
      SELECT f.id, d.id, d.run_id
      FROM deploy f JOIN deployments d ON d.repo_id = f.repo_id AND d.run_id IS NULL
      WHERE f.is_deploy AND EXISTS (
        SELECT 1 FROM workflow_runs x WHERE x.workflow_id = f.id AND x.head_sha = d.sha)
    ), deploy_events AS (
      -- The deploy job of each run: configured, else matched by name, else the last to finish.
      SELECT f.id AS workflow_id, j.completed_at AS at, j.run_id, j.id AS job_id
      FROM deploy f JOIN jobs j ON j.workflow_id = f.id
      WHERE f.is_deploy AND ${deployJob()}
      UNION ALL
      SELECT p.workflow_id, s.created_at, p.run_id, NULL::bigint
      FROM pipeline_deployments p
        JOIN deployment_statuses s ON s.deployment_id = p.deployment_id AND s.state = 'success'
    )`;
}

type Row = { workflow_id: bigint; is_deploy: boolean; status_deploy: Date | null };

/**
 * Whether each workflow of the repositories deploys, and its last successful deploy: the
 * latest of deploy_events, read as the latest deploy job (a backward scan of jobs
 * (workflow_id, completed_at) that stops at the first) and the latest deployment status. Two
 * statements run side by side: the deploy jobs need the names only (a workflow detected by its
 * deployments alone has no deploy job), and apart each stays cheap enough for the planner not
 * to compile it (JIT), which costs more than it saves here.
 */
export async function queryDeploys(
  db: Db,
  repoIds: number[],
  workflowId?: number,
): Promise<Map<number, DeployInfo>> {
  // The latest success status of the pipeline's deployments (as pipeline_deployments finds
  // them): two probes of deployments' indexes per deploy pipeline, on last_success_at.
  const statuses = db.$queryRaw<Row[]>`
    WITH ${deployCtes(repoIds, workflowId)}
    SELECT f.id AS workflow_id, f.is_deploy, CASE WHEN f.is_deploy THEN greatest(
      (SELECT max(d.last_success_at) FROM deployments d
        WHERE d.workflow_id = f.id AND d.repo_id = f.repo_id),
      (SELECT d.last_success_at FROM deployments d
        WHERE d.repo_id = f.repo_id AND d.run_id IS NULL AND d.last_success_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM workflow_runs x WHERE x.workflow_id = f.id AND x.head_sha = d.sha)
        ORDER BY d.last_success_at DESC LIMIT 1)
    ) END AS status_deploy
    FROM deploy f`;
  const jobs = db.$queryRaw<{ workflow_id: bigint; at: Date | null }[]>`
    WITH ${flowsCte(repoIds, workflowId)}
    SELECT f.id AS workflow_id,
      (SELECT max(j.completed_at) FROM jobs j WHERE j.workflow_id = f.id AND ${deployJob()}) AS at
    FROM flows f
    -- Only where a deploy job can be recognised (else the scan would find none, job by job).
    WHERE coalesce(f.is_deploy, true) AND (f.deploy_job_name IS NOT NULL OR f.by_job OR f.by_name)`;
  const [rows, jobRows] = await Promise.all([statuses, jobs]);
  const jobDeploys = new Map(jobRows.map((r) => [r.workflow_id, r.at]));
  const latest = (a: Date | null | undefined, b: Date | null) =>
    a && b ? (a > b ? a : b) : (a ?? b);
  return new Map(
    rows.map((r) => [
      Number(r.workflow_id),
      {
        isDeploy: r.is_deploy,
        lastDeployAt: r.is_deploy
          ? (latest(jobDeploys.get(r.workflow_id), r.status_deploy)?.toISOString() ?? null)
          : null,
      },
    ]),
  );
}
