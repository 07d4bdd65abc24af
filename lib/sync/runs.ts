// Storing workflow runs (as GitHub's run lists and webhooks show them), idempotently.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { DbOrTx } from "@/lib/github/conditional";
import { keepRunDays, runDayOf, runDaysOf } from "@/lib/metrics/run-days";
import { lockShaGroups, refreshShaShared } from "@/lib/metrics/sha-shared";
import { linkDeploymentsOfRuns } from "./deployments.ts";
import type { GitHubRun } from "./github-schemas.ts";

/**
 * Stores runs idempotently (one row per run, showing its latest attempt, plus that attempt's
 * row) with `db`, which may be a transaction. Runs of workflows that are not stored (GitHub's
 * generated ones) are left out: returns the runs stored and the runs left out.
 */
export async function saveRuns(
  db: DbOrTx,
  repoId: number,
  runs: GitHubRun[],
): Promise<{ stored: GitHubRun[]; skipped: GitHubRun[] }> {
  if (runs.length === 0) return { stored: [], skipped: [] };
  const workflows = await db.workflow.findMany({
    where: { id: { in: [...new Set(runs.map((r) => BigInt(r.workflow_id)))] } },
    select: { id: true, repoId: true },
  });
  const known = new Set(
    workflows.filter((w) => w.repoId === BigInt(repoId)).map((w) => Number(w.id)),
  );
  const kept = runs.filter((run) => known.has(run.workflow_id));
  const skipped = runs.filter((run) => !known.has(run.workflow_id));
  // Their SHA groups are locked before any of their runs is written (lockShaGroups).
  const groups = kept.map((r) => ({ workflowId: r.workflow_id, headSha: r.head_sha }));
  await lockShaGroups(db, groups);
  for (let i = 0; i < kept.length; i += 500) {
    const batch = kept.slice(i, i + 500);
    const rows = batch.map(
      (
        r,
      ) => Prisma.sql`(${BigInt(r.id)}, ${BigInt(repoId)}, ${BigInt(r.workflow_id)}, ${r.run_number}, ${r.run_attempt},
        ${r.name ?? null}, ${r.display_title ?? null}, ${r.event}, ${r.status}, ${r.conclusion}, ${r.head_sha},
        ${r.head_branch}, ${r.actor?.login ?? null}, ${r.triggering_actor?.login ?? null}, ${r.head_commit?.message ?? null},
        ${(r.pull_requests ?? []).map((p) => p.number)}::int[], ${r.html_url}, ${new Date(r.created_at)},
        ${r.run_started_at ? new Date(r.run_started_at) : null}, ${new Date(r.updated_at)}, now())`,
    );
    // The latest attempt as the run shows it. The first attempt was created with the run; a
    // later one's own created_at comes with the attempt details (run_started_at until then).
    const attempts = batch.map(
      (
        r,
      ) => Prisma.sql`(${BigInt(r.id)}, ${r.run_attempt}, ${r.status}, ${r.conclusion}, ${r.triggering_actor?.login ?? null},
        ${new Date(r.run_attempt === 1 ? r.created_at : (r.run_started_at ?? r.created_at))}, ${r.run_started_at ? new Date(r.run_started_at) : null}, ${new Date(r.updated_at)}, now())`,
    );
    // A run never goes back to an older state: a stale answer (or webhook) loses to newer data.
    await db.$executeRaw`
        INSERT INTO workflow_runs (id, repo_id, workflow_id, run_number, run_attempt, name, display_title, event, status,
          conclusion, head_sha, head_branch, actor_login, triggering_actor, head_commit_message, pull_request_numbers,
          html_url, created_at, run_started_at, updated_at, synced_at)
        VALUES ${Prisma.join(rows)}
        ON CONFLICT (id) DO UPDATE SET
          run_attempt = EXCLUDED.run_attempt, name = EXCLUDED.name, display_title = EXCLUDED.display_title,
          status = EXCLUDED.status, conclusion = EXCLUDED.conclusion, head_branch = EXCLUDED.head_branch,
          actor_login = EXCLUDED.actor_login, triggering_actor = EXCLUDED.triggering_actor,
          head_commit_message = EXCLUDED.head_commit_message, pull_request_numbers = EXCLUDED.pull_request_numbers,
          run_started_at = EXCLUDED.run_started_at, updated_at = EXCLUDED.updated_at, synced_at = now(),
          -- The same attempt running again (a fork's run approved after "action_required", a
          -- run resumed) has new details: they are due again.
          details_attempt = CASE
            WHEN workflow_runs.run_attempt = EXCLUDED.run_attempt
             AND workflow_runs.status = 'completed' AND EXCLUDED.status IS DISTINCT FROM 'completed'
            THEN LEAST(workflow_runs.details_attempt, EXCLUDED.run_attempt - 1)
            ELSE workflow_runs.details_attempt END
        WHERE (workflow_runs.run_attempt, workflow_runs.updated_at) <= (EXCLUDED.run_attempt, EXCLUDED.updated_at)`;
    await db.$executeRaw`
        INSERT INTO run_attempts (run_id, attempt, status, conclusion, actor_login, created_at, run_started_at, updated_at, synced_at)
        VALUES ${Prisma.join(attempts)}
        ON CONFLICT (run_id, attempt) DO UPDATE SET
          status = EXCLUDED.status, conclusion = EXCLUDED.conclusion, run_started_at = EXCLUDED.run_started_at,
          updated_at = EXCLUDED.updated_at, synced_at = now()
        WHERE run_attempts.updated_at <= EXCLUDED.updated_at`;
  }
  const flipped = await refreshShaShared(db, groups);
  // Their days and those of the runs whose SHA is now shared, locked after every run row this
  // transaction writes (run-days.ts).
  await keepRunDays(db, [
    ...kept.flatMap((r) => runDayOf(r.workflow_id, r.head_branch, r.created_at)),
    ...runDaysOf(flipped),
  ]);
  // Deployments stored before their run now belong to its pipeline.
  await linkDeploymentsOfRuns(
    db,
    kept.map((r) => r.id),
  );
  return { stored: kept, skipped };
}
