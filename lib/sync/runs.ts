// Workflow runs by `created` window. GitHub serves at most 1,000 results of a filtered list, so
// a window holding more is split in two until each half fits.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { GitHubClient } from "@/lib/github/client";
import { type GitHubRun, parseGitHub, runSchema } from "./github-schemas.ts";

const RESULT_CAP = 1000;
const SECOND = 1000;

/** GitHub's `created` range syntax for [from, to], in whole seconds. */
export function createdRange(from: Date, to: Date): string {
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `${iso(from)}..${iso(to)}`;
}

/** Every run created in [from, to] (whole seconds), fetched in windows under the cap. */
export async function fetchRunsCreatedBetween(
  client: GitHubClient,
  repo: { owner: string; name: string },
  from: Date,
  to: Date,
): Promise<GitHubRun[]> {
  const params = {
    owner: repo.owner,
    repo: repo.name,
    per_page: 100,
    created: createdRange(from, to),
  };
  const first = await client.rest.actions.listWorkflowRunsForRepo({ ...params, per_page: 1 });
  const total = first.data.total_count;
  const span = to.getTime() - from.getTime();
  if (total > RESULT_CAP && span >= 2 * SECOND) {
    const middle = new Date(from.getTime() + Math.floor(span / 2 / SECOND) * SECOND);
    const older = await fetchRunsCreatedBetween(client, repo, from, middle);
    const newer = await fetchRunsCreatedBetween(
      client,
      repo,
      new Date(middle.getTime() + SECOND),
      to,
    );
    return [...newer, ...older];
  }
  if (total === 0) return [];
  const raw: unknown[] = await client.paginate(client.rest.actions.listWorkflowRunsForRepo, params);
  return raw.map((item) => parseGitHub(runSchema, item, "workflow run"));
}

/**
 * Stores runs idempotently (one row per run, showing its latest attempt, plus that attempt's
 * row). Runs of workflows that are not stored (GitHub's generated ones) are left out.
 * Returns how many were stored.
 */
export async function saveRuns(db: Db, repoId: number, runs: GitHubRun[]): Promise<number> {
  const known = new Set(
    (await db.workflow.findMany({ where: { repoId: BigInt(repoId) }, select: { id: true } })).map(
      (w) => Number(w.id),
    ),
  );
  const kept = runs.filter((run) => known.has(run.workflow_id));
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
    // The latest attempt as the run shows it; its own created_at comes with the attempt details.
    const attempts = batch.map(
      (
        r,
      ) => Prisma.sql`(${BigInt(r.id)}, ${r.run_attempt}, ${r.status}, ${r.conclusion}, ${r.triggering_actor?.login ?? null},
        ${new Date(r.run_started_at ?? r.created_at)}, ${r.run_started_at ? new Date(r.run_started_at) : null}, ${new Date(r.updated_at)}, now())`,
    );
    await db.$transaction([
      db.$executeRaw`
        INSERT INTO workflow_runs (id, repo_id, workflow_id, run_number, run_attempt, name, display_title, event, status,
          conclusion, head_sha, head_branch, actor_login, triggering_actor, head_commit_message, pull_request_numbers,
          html_url, created_at, run_started_at, updated_at, synced_at)
        VALUES ${Prisma.join(rows)}
        ON CONFLICT (id) DO UPDATE SET
          run_attempt = EXCLUDED.run_attempt, name = EXCLUDED.name, display_title = EXCLUDED.display_title,
          status = EXCLUDED.status, conclusion = EXCLUDED.conclusion, head_branch = EXCLUDED.head_branch,
          actor_login = EXCLUDED.actor_login, triggering_actor = EXCLUDED.triggering_actor,
          head_commit_message = EXCLUDED.head_commit_message, pull_request_numbers = EXCLUDED.pull_request_numbers,
          run_started_at = EXCLUDED.run_started_at, updated_at = EXCLUDED.updated_at, synced_at = now()`,
      db.$executeRaw`
        INSERT INTO run_attempts (run_id, attempt, status, conclusion, actor_login, created_at, run_started_at, updated_at, synced_at)
        VALUES ${Prisma.join(attempts)}
        ON CONFLICT (run_id, attempt) DO UPDATE SET
          status = EXCLUDED.status, conclusion = EXCLUDED.conclusion, run_started_at = EXCLUDED.run_started_at,
          updated_at = EXCLUDED.updated_at, synced_at = now()`,
    ]);
  }
  return kept.length;
}
