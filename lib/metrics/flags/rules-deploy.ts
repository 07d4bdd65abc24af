// Flag rules about deploys that stop happening (docs/metrics.md): deploy_skipped and
// deploy_stalled. deploy_suspicious, about deploys that happen too fast, is beside this file.
import "server-only";
import type { Db } from "@/lib/db/client";
import { DEPLOY_PATTERN, deployCtes } from "../deploys.ts";
import { type Candidate, humanDuration } from "./types.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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

/**
 * Deploy pipelines whose last successful deploy is older than max(24 h, 3 × the median interval
 * between their successful deploys of the last 30 days), while a push-triggered run on the
 * repository's default branch was created after it: work is landing, nothing is shipping.
 * A pipeline that never deployed is not stalled (there is nothing that stopped).
 */
export async function deployStalled(db: Db, repoIds: number[], now: Date): Promise<Candidate[]> {
  const rows = await db.$queryRaw<
    {
      workflow_id: bigint;
      repo_id: bigint;
      name: string;
      branch: string;
      last_deploy: Date;
      median_ms: number | null;
      pushes: number;
      first_push: Date;
    }[]
  >`
    WITH ${deployCtes(repoIds)},
    deploys AS (
      -- One deploy per run (a run may succeed a deploy job and a deployment status, or be re-run).
      SELECT workflow_id, max(at) AS at FROM deploy_events WHERE run_id IS NOT NULL
      GROUP BY workflow_id, run_id
      UNION ALL
      SELECT workflow_id, at FROM deploy_events WHERE run_id IS NULL
    ), intervals AS (
      SELECT workflow_id, at, at - lag(at) OVER (PARTITION BY workflow_id ORDER BY at) AS gap
      FROM deploys
    ), per_flow AS (
      SELECT workflow_id, max(at) AS last_deploy,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM gap) * 1000)
          FILTER (WHERE gap IS NOT NULL AND at - gap >= ${new Date(now.getTime() - 30 * DAY)}) AS median_ms
      FROM intervals GROUP BY workflow_id
    )
    SELECT p.workflow_id, w.repo_id, w.name, repo.default_branch AS branch, p.last_deploy,
      p.median_ms::float8 AS median_ms, count(DISTINCT r.head_sha)::int AS pushes,
      min(r.created_at) AS first_push
    FROM per_flow p JOIN workflows w ON w.id = p.workflow_id
      JOIN repositories repo ON repo.id = w.repo_id
      JOIN workflow_runs r ON r.repo_id = w.repo_id AND r.event = 'push'
        AND r.head_branch = repo.default_branch AND r.created_at > p.last_deploy
    GROUP BY p.workflow_id, w.repo_id, w.name, repo.default_branch, p.last_deploy, p.median_ms`;
  return rows.flatMap((r): Candidate[] => {
    const limit = Math.max(DAY, 3 * (r.median_ms ?? 0));
    const age = now.getTime() - r.last_deploy.getTime();
    if (age <= limit) return [];
    const usual =
      r.median_ms === null ? "" : ` (it usually deploys every ${humanDuration(r.median_ms)})`;
    return [
      {
        kind: "deploy_stalled",
        severity: "critical",
        repoId: Number(r.repo_id),
        workflowId: Number(r.workflow_id),
        since: new Date(Math.max(r.last_deploy.getTime() + limit, r.first_push.getTime())),
        message: `No deploy for ${humanDuration(age)} while ${r.pushes} ${r.pushes === 1 ? "push" : "pushes"} landed on ${r.branch}: "${r.name}" last deployed successfully at ${r.last_deploy.toISOString().slice(0, 16).replace("T", " ")} UTC${usual}`,
        detail: {
          lastDeployAt: r.last_deploy.toISOString(),
          medianIntervalMs: r.median_ms === null ? null : Math.round(r.median_ms),
          limitMs: Math.round(limit),
          pushes: r.pushes,
        },
      },
    ];
  });
}
