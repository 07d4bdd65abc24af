// Flag rules about deploys (docs/metrics.md): deploy_skipped so far.
import "server-only";
import type { Db } from "@/lib/db/client";
import { DEPLOY_PATTERN } from "../deploys.ts";
import type { Candidate } from "./types.ts";

/** How many consecutive skipped deploys raise the flag. */
const SKIPPED_RUNS = 3;

/**
 * Deploy jobs skipped in the latest 3 or more consecutive completed default-branch runs of
 * their workflow, every other job of those runs having succeeded: a wrong `if:` that ships
 * nothing while everything looks green. The deploy job is the configured one, else the jobs
 * whose name says deploy.
 */
export async function deploySkipped(db: Db, repoIds: number[]): Promise<Candidate[]> {
  const rows = await db.$queryRaw<
    {
      workflow_id: bigint;
      repo_id: bigint;
      name: string;
      job: string;
      streak: number;
      since: Date;
    }[]
  >`
    WITH runs AS (
      SELECT r.id, r.workflow_id, r.repo_id, r.run_attempt, r.created_at,
        row_number() OVER (PARTITION BY r.workflow_id ORDER BY r.created_at DESC, r.id DESC) AS n
      FROM workflow_runs r JOIN repositories repo ON repo.id = r.repo_id
        JOIN workflows w ON w.id = r.workflow_id
      WHERE r.repo_id = ANY(${repoIds.map(BigInt)}::bigint[]) AND r.head_branch = repo.default_branch
        AND r.status = 'completed' AND w.is_deploy IS DISTINCT FROM false
    ), judged AS (
      SELECT x.id, x.workflow_id, x.repo_id, x.created_at, x.n,
        min(j.name) FILTER (WHERE d.is_deploy_job) AS job,
        coalesce(bool_and(j.conclusion = 'skipped') FILTER (WHERE d.is_deploy_job), false)
          AND coalesce(bool_and(j.conclusion = 'success') FILTER (WHERE NOT d.is_deploy_job), true) AS skipped
      FROM runs x JOIN workflows w ON w.id = x.workflow_id
        JOIN jobs j ON j.run_id = x.id AND j.run_attempt = x.run_attempt
        CROSS JOIN LATERAL (SELECT CASE WHEN w.deploy_job_name IS NOT NULL THEN j.name = w.deploy_job_name
                                        ELSE j.name ~* ${DEPLOY_PATTERN} END AS is_deploy_job) d
      WHERE x.n <= 50
      GROUP BY x.id, x.workflow_id, x.repo_id, x.created_at, x.n
    ), streaks AS (
      SELECT workflow_id, repo_id,
        coalesce(min(n) FILTER (WHERE NOT skipped), max(n) + 1) - 1 AS streak
      FROM judged GROUP BY workflow_id, repo_id
    )
    SELECT s.workflow_id, s.repo_id, w.name, min(j.job) AS job, s.streak::int AS streak,
      min(j.created_at) AS since
    FROM streaks s JOIN workflows w ON w.id = s.workflow_id
      JOIN judged j ON j.workflow_id = s.workflow_id AND j.n <= s.streak
    WHERE s.streak >= ${SKIPPED_RUNS}
    GROUP BY s.workflow_id, s.repo_id, w.name, s.streak`;
  return rows.map((r) => ({
    kind: "deploy_skipped",
    severity: "critical",
    repoId: Number(r.repo_id),
    workflowId: Number(r.workflow_id),
    since: r.since,
    message: `Deploy skipped for ${r.streak} runs: "${r.job}" in "${r.name}" was skipped while every other job passed; check its if: condition`,
    detail: { job: r.job, runs: r.streak },
  }));
}
