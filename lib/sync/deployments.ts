// Deployments and their statuses. The list is read newest first: an unchanged first page (304,
// free) means nothing new. A deployment's statuses are read when it is new or its updated_at
// moved, and again while it has no final status.
import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import {
  apiUrl,
  type ConditionalResult,
  type DbOrTx,
  getConditional,
  getIfChanged,
  storeValidators,
} from "@/lib/github/conditional";
import type { Validator } from "@/lib/github/etags";
import { type SyncContext, type SyncRepo, stopIfAborted } from "./context.ts";
import {
  deploymentSchema,
  deploymentStatusSchema,
  type GitHubDeployment,
  type GitHubDeploymentStatus,
} from "./github-detail-schemas.ts";
import { parseGitHub } from "./github-schemas.ts";

/** The workflow run a status points to (log_url or target_url: .../actions/runs/{id}[/job/..]). */
export function runIdOf(statuses: readonly GitHubDeploymentStatus[]): number | null {
  for (const s of statuses) {
    for (const url of [s.log_url, s.target_url]) {
      const match = url ? /\/actions\/runs\/(\d+)/.exec(url) : null;
      if (match?.[1]) return Number(match[1]);
    }
  }
  return null;
}

async function fetchStatuses(ctx: SyncContext, repo: SyncRepo, id: number) {
  const raw: unknown[] = await ctx.client.paginate(ctx.client.rest.repos.listDeploymentStatuses, {
    owner: repo.owner,
    repo: repo.name,
    deployment_id: id,
    per_page: 100,
  });
  return raw.map((item) => parseGitHub(deploymentStatusSchema, item, "deployment status"));
}

async function saveDeployment(
  tx: DbOrTx,
  repo: SyncRepo,
  d: GitHubDeployment,
  statuses: GitHubDeploymentStatus[],
) {
  await tx.$executeRaw`
    INSERT INTO deployments (id, repo_id, sha, ref, task, environment, description, creator_login,
      production_environment, created_at, updated_at, run_id, synced_at)
    VALUES (${BigInt(d.id)}, ${BigInt(repo.id)}, ${d.sha}, ${d.ref}, ${d.task}, ${d.environment},
      ${d.description ?? null}, ${d.creator?.login ?? null}, ${d.production_environment ?? null},
      ${new Date(d.created_at)}, ${new Date(d.updated_at)}, ${runIdOf(statuses)}, now())
    ON CONFLICT (id) DO UPDATE SET
      sha = EXCLUDED.sha, ref = EXCLUDED.ref, task = EXCLUDED.task, environment = EXCLUDED.environment,
      description = EXCLUDED.description, creator_login = EXCLUDED.creator_login,
      production_environment = EXCLUDED.production_environment, updated_at = EXCLUDED.updated_at,
      run_id = COALESCE(EXCLUDED.run_id, deployments.run_id), synced_at = now()`;
  await linkDeployments(tx, Prisma.sql`d.id = ${BigInt(d.id)}`);
  await saveStatuses(tx, d.id, statuses);
}

async function saveStatuses(tx: DbOrTx, deploymentId: number, statuses: GitHubDeploymentStatus[]) {
  if (statuses.length === 0) return;
  const rows = statuses.map(
    (
      s,
    ) => Prisma.sql`(${BigInt(s.id)}, ${BigInt(deploymentId)}, ${s.state}, ${s.description ?? null},
      ${s.environment ?? null}, ${s.target_url ?? null}, ${s.log_url ?? null}, ${s.environment_url ?? null},
      ${s.creator?.login ?? null}, ${new Date(s.created_at)}, ${new Date(s.updated_at)})`,
  );
  await tx.$executeRaw`
    INSERT INTO deployment_statuses (id, deployment_id, state, description, environment, target_url, log_url,
      environment_url, creator_login, created_at, updated_at)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (id) DO UPDATE SET
      state = EXCLUDED.state, description = EXCLUDED.description, environment = EXCLUDED.environment,
      target_url = EXCLUDED.target_url, log_url = EXCLUDED.log_url, environment_url = EXCLUDED.environment_url,
      creator_login = EXCLUDED.creator_login, updated_at = EXCLUDED.updated_at`;
  await refreshLastSuccess(tx, [deploymentId]);
}

/**
 * Sets deployments.last_success_at, their latest `success` status, kept with the statuses it
 * sums up (in their transaction): the metrics read a pipeline's last deploy from it rather than
 * from every status of every deployment.
 */
export async function refreshLastSuccess(tx: DbOrTx, deploymentIds: number[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE deployments d SET last_success_at = (
      SELECT max(s.created_at) FROM deployment_statuses s
      WHERE s.deployment_id = d.id AND s.state = 'success')
    WHERE d.id = ANY(${deploymentIds.map(BigInt)}::bigint[])`;
}

/**
 * Sets deployments.workflow_id of the deployments `d` meeting `which` to the workflow of the run
 * their statuses point at (NULL while that run is not stored). The metrics find a pipeline's
 * deployments by it instead of joining every deployment with its run. Called in the
 * transaction that writes a deployment's run, or a run a deployment may point at.
 */
export async function linkDeployments(tx: DbOrTx, which: Prisma.Sql): Promise<void> {
  await tx.$executeRaw`
    UPDATE deployments d SET workflow_id = l.workflow_id
    FROM deployments x LEFT JOIN workflow_runs l ON l.id = x.run_id
    WHERE x.id = d.id AND ${which} AND d.workflow_id IS DISTINCT FROM l.workflow_id`;
}

/** Links the deployments that point at the runs `runIds`, just stored (see linkDeployments). */
export async function linkDeploymentsOfRuns(tx: DbOrTx, runIds: number[]): Promise<void> {
  if (runIds.length > 0)
    await linkDeployments(tx, Prisma.sql`d.run_id = ANY(${runIds.map(BigInt)}::bigint[])`);
}

const CRAWLED = "deployments_crawled";

/**
 * Reads deployments created since `since`, newest first, storing what changed. The first page
 * is conditional: unchanged (304), nothing new happened. Otherwise pages are read until one
 * holds only deployments stored and unchanged (once a first complete crawl is done) or the
 * horizon is reached; only then is the first page's ETag stored, so a crawl cut short is
 * started again rather than taken for done.
 */
export async function syncDeployments(
  ctx: SyncContext,
  repo: SyncRepo,
  since: Date,
): Promise<{ pages: number; unchanged: number; deployments: number }> {
  const result = { pages: 0, unchanged: 0, deployments: 0 };
  const first = apiUrl(ctx.client, `/repos/${repo.owner}/${repo.name}/deployments`, {
    per_page: 100,
  });
  const crawled = await ctx.db.syncCursor.findUnique({
    where: { repoId_name: { repoId: BigInt(repo.id), name: CRAWLED } },
  });
  let firstValidator: Validator | null = null;
  let url: string | null = first;
  while (url) {
    stopIfAborted(ctx);
    const current: string = url;
    const answer: ConditionalResult =
      current === first
        ? await getIfChanged(ctx.db, ctx.client, current)
        : await getConditional(ctx.client, current, null);
    result.pages++;
    if (!answer.changed) {
      result.unchanged++;
      break;
    }
    if (current === first) firstValidator = answer.validator;
    const page = parseGitHub(z.array(deploymentSchema), answer.data, "deployment list");
    const inScope = page.filter((d) => Date.parse(d.created_at) >= since.getTime());
    const changed = await changedDeployments(ctx, inScope);
    const statuses = new Map<number, GitHubDeploymentStatus[]>();
    for (const d of changed) statuses.set(d.id, await fetchStatuses(ctx, repo, d.id));
    await ctx.db.$transaction(async (tx) => {
      for (const d of changed) await saveDeployment(tx, repo, d, statuses.get(d.id) ?? []);
    });
    result.deployments += changed.length;
    const settled = crawled !== null && changed.length === 0;
    url = settled || inScope.length < page.length ? null : answer.next;
  }
  // The first page changed and the crawl reached its end: now it may be taken for done.
  if (result.unchanged === 0) {
    await ctx.db.$transaction(async (tx) => {
      await storeValidators(tx, [{ url: first, validator: firstValidator }]);
      await tx.syncCursor.upsert({
        where: { repoId_name: { repoId: BigInt(repo.id), name: CRAWLED } },
        create: { repoId: BigInt(repo.id), name: CRAWLED, value: new Date().toISOString() },
        update: { value: new Date().toISOString() },
      });
    });
  }
  const horizon = new Date(Math.max(since.getTime(), ctx.now().getTime() - RECHECK_DAYS * DAY));
  result.deployments += await recheckOpenDeployments(ctx, repo, horizon);
  return result;
}

/** The deployments that are new or whose updated_at moved since they were stored. */
async function changedDeployments(ctx: SyncContext, deployments: GitHubDeployment[]) {
  const stored = new Map(
    (
      await ctx.db.deployment.findMany({
        where: { id: { in: deployments.map((d) => BigInt(d.id)) } },
        select: { id: true, updatedAt: true },
      })
    ).map((d) => [Number(d.id), d.updatedAt.getTime()]),
  );
  return deployments.filter((d) => stored.get(d.id) !== Date.parse(d.updated_at));
}

const FINAL_STATES = ["success", "failure", "error", "inactive"];
/** Deployments older than this without a final status are left as they are. */
const RECHECK_DAYS = 31;
const DAY = 86_400_000;

/**
 * Deployments stored without a final status (queued, pending, in progress) have their statuses
 * read again, conditionally, until one is final: the list's first page may not change when an
 * older deployment finishes.
 */
async function recheckOpenDeployments(
  ctx: SyncContext,
  repo: SyncRepo,
  since: Date,
): Promise<number> {
  const open = await ctx.db.deployment.findMany({
    where: {
      repoId: BigInt(repo.id),
      createdAt: { gte: since },
      statuses: { none: { state: { in: FINAL_STATES } } },
    },
    select: { id: true },
  });
  let changed = 0;
  for (const { id } of open) {
    stopIfAborted(ctx);
    const url = apiUrl(ctx.client, `/repos/${repo.owner}/${repo.name}/deployments/${id}/statuses`, {
      per_page: 100,
    });
    const answer = await getIfChanged(ctx.db, ctx.client, url);
    if (!answer.changed) continue;
    const statuses = parseGitHub(
      z.array(deploymentStatusSchema),
      answer.data,
      "deployment statuses",
    );
    await ctx.db.$transaction(async (tx) => {
      await saveStatuses(tx, Number(id), statuses);
      const runId = runIdOf(statuses);
      if (runId !== null)
        await tx.$executeRaw`UPDATE deployments SET run_id = COALESCE(run_id, ${runId}) WHERE id = ${id}`;
      await linkDeployments(tx, Prisma.sql`d.id = ${id}`);
      await storeValidators(tx, [{ url, validator: answer.validator }]);
    });
    changed++;
  }
  return changed;
}
