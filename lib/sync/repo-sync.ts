// One pass over one repository: workflows, the run lists of the windows due, runs left
// unfinished before those windows, the details of every completed run not yet detailed,
// deployments and cache usage. Every step commits what it read before the next begins, and
// the pass's own cursor (the last full sweep) moves only at the end, so a pass killed at any
// point is finished by the next one with nothing lost and nothing twice.
import "server-only";
import { statusOf } from "@/lib/github/client";
import { apiUrl, getIfChanged, storeValidators } from "@/lib/github/conditional";
import { syncCacheUsage } from "./cache-usage.ts";
import { type SyncContext, type SyncRepo, stopIfAborted } from "./context.ts";
import { syncDeployments } from "./deployments.ts";
import { deleteRun, fetchDueDetails } from "./details-phase.ts";
import { parseGitHub, runSchema } from "./github-schemas.ts";
import { pool } from "./pool.ts";
import { listRuns } from "./run-lists.ts";
import { DAY, isSweepDue } from "./run-windows.ts";
import { saveRuns } from "./runs.ts";
import { backfillDone, beginSync } from "./sync-state.ts";
import { syncWorkflows } from "./workflows.ts";

/** Re-runs are possible for 30 days after a run; older windows never change again. */
const RERUN_HORIZON_MS = 31 * DAY;
const SWEEP_CURSOR = "runs_swept_at";
const SETTINGS_CURSOR = "settings";

export type RepoSyncResult = {
  fullPass: boolean;
  windows: number;
  unchangedWindows: number;
  runsStored: number;
  rechecked: number;
  detailed: number;
  /** Runs whose details wait for the budget to reset. */
  deferred: number;
  /** Runs whose details could not be read this pass (retried on the next ones). */
  failedDetails: { runId: number; message: string }[];
  deployments: number;
};

export type RepoSyncOptions = { since?: Date; signal?: AbortSignal };

const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

/**
 * When the settings that decide what is stored change (GitHub's generated workflows included
 * or not), every answer read under the old ones must be read again: their ETags are dropped.
 */
async function applySettings(ctx: SyncContext, repo: SyncRepo): Promise<void> {
  const value = JSON.stringify({ includeDynamicWorkflows: ctx.options.includeDynamicWorkflows });
  const where = { repoId_name: { repoId: BigInt(repo.id), name: SETTINGS_CURSOR } };
  const stored = await ctx.db.syncCursor.findUnique({ where });
  if (stored?.value === value) return;
  await ctx.db.$transaction(async (tx) => {
    if (stored) {
      const pattern = `GET %/repos/${repo.owner}/${repo.name}/%`;
      await tx.$executeRaw`DELETE FROM etag_cache WHERE key ILIKE ${pattern}`;
    }
    await tx.syncCursor.upsert({
      where,
      create: { repoId: BigInt(repo.id), name: SETTINGS_CURSOR, value },
      update: { value },
    });
  });
}

async function sweptAt(ctx: SyncContext, repo: SyncRepo): Promise<number | null> {
  const cursor = await ctx.db.syncCursor.findUnique({
    where: { repoId_name: { repoId: BigInt(repo.id), name: SWEEP_CURSOR } },
  });
  const value = cursor ? Date.parse(cursor.value) : Number.NaN;
  return Number.isNaN(value) ? null : value;
}

async function setSweptAt(ctx: SyncContext, repo: SyncRepo, at: Date): Promise<void> {
  await ctx.db.syncCursor.upsert({
    where: { repoId_name: { repoId: BigInt(repo.id), name: SWEEP_CURSOR } },
    create: { repoId: BigInt(repo.id), name: SWEEP_CURSOR, value: at.toISOString() },
    update: { value: at.toISOString() },
  });
}

/**
 * Runs stored as not completed, created before `before` (outside the windows read this pass):
 * each is read again, conditionally, until it completes.
 */
async function recheckUnfinished(ctx: SyncContext, repo: SyncRepo, before: number) {
  const stale = await ctx.db.workflowRun.findMany({
    where: {
      repoId: BigInt(repo.id),
      createdAt: { lt: new Date(before) },
      NOT: { status: "completed" },
    },
    select: { id: true },
  });
  await pool(stale, ctx.options.concurrency, async ({ id }) => {
    stopIfAborted(ctx);
    const url = apiUrl(ctx.client, `/repos/${repo.owner}/${repo.name}/actions/runs/${id}`);
    let answer: Awaited<ReturnType<typeof getIfChanged>>;
    try {
      answer = await getIfChanged(ctx.db, ctx.client, url);
    } catch (error: unknown) {
      if (statusOf(error) !== 404) throw error;
      await deleteRun(ctx, Number(id)); // GitHub deleted it (or its repository moved)
      return;
    }
    if (!answer.changed) return;
    const run = parseGitHub(runSchema, answer.data, "workflow run");
    await ctx.db.$transaction(async (tx) => {
      await saveRuns(tx, repo.id, [run]);
      await storeValidators(tx, [{ url, validator: answer.validator }]);
    });
  });
  return stale.length;
}

/** One sync pass over `repo`. */
export async function syncRepository(
  ctx: SyncContext,
  repo: SyncRepo,
  options: RepoSyncOptions = {},
): Promise<RepoSyncResult> {
  // The lease's signal reaches every loop below through the context.
  ctx = options.signal ? { ...ctx, signal: options.signal } : ctx;
  const now = ctx.now().getTime();
  const report = (phase: "workflows" | "runs" | "details" | "deployments" | "done", extra = {}) =>
    ctx.onProgress?.({
      repo: repo.fullName,
      phase,
      runsListed: 0,
      detailsDone: 0,
      detailsDue: 0,
      rateLimitRemaining: null,
      ...extra,
    });
  const requested = options.since ? dayStart(options.since.getTime()) : null;
  const backfillFrom = (
    await beginSync(
      ctx.db,
      repo.id,
      new Date(requested ?? dayStart(now - ctx.options.backfillDays * DAY)),
    )
  ).getTime();
  await applySettings(ctx, repo);
  report("workflows");
  await syncWorkflows(ctx, repo);
  stopIfAborted(ctx);

  const swept = await sweptAt(ctx, repo);
  // The re-run horizon, or further back when the last sweep is older (the worker was down, the
  // repository untracked for a while): nothing between two sweeps goes unread.
  const sweepFrom = Math.max(backfillFrom, Math.min(now - RERUN_HORIZON_MS, (swept ?? now) - DAY));
  const sweepDue =
    isSweepDue(now, swept, ctx.options.sweepEveryMs) || !(await backfillDone(ctx.db, repo.id));
  const listFrom =
    requested ??
    (swept === null
      ? backfillFrom
      : sweepDue
        ? sweepFrom
        : dayStart(now - ctx.options.hotDays * DAY));
  const fullPass = listFrom <= sweepFrom;
  report("runs");
  const listed = await listRuns(ctx, repo, listFrom, now);
  stopIfAborted(ctx);
  const rechecked = await recheckUnfinished(ctx, repo, dayStart(listFrom));
  stopIfAborted(ctx);

  const details = await fetchDueDetails(
    ctx,
    repo,
    () => stopIfAborted(ctx),
    (done, due) =>
      report("details", { runsListed: listed.runsStored, detailsDone: done, detailsDue: due }),
  );

  report("deployments");
  const deployments = await syncDeployments(ctx, repo, new Date(backfillFrom));
  await syncCacheUsage(ctx, repo);
  if (fullPass) await setSweptAt(ctx, repo, new Date(now));
  report("done", {
    runsListed: listed.runsStored,
    detailsDone: details.done,
    detailsDue: details.due,
  });
  return {
    fullPass,
    windows: listed.windows,
    unchangedWindows: listed.unchanged,
    runsStored: listed.runsStored,
    rechecked,
    detailed: details.done,
    deferred: details.deferred,
    failedDetails: details.failed,
    deployments: deployments.deployments,
  };
}
