// One pass over one repository: workflows, the run lists of the windows due, runs left
// unfinished before those windows, the details of every completed run not yet detailed,
// deployments and cache usage. Every step commits what it read before the next begins, and
// the pass's own cursor (the last full sweep) moves only at the end, so a pass killed at any
// point is finished by the next one with nothing lost and nothing twice.
import "server-only";
import { apiUrl, getIfChanged, storeValidators } from "@/lib/github/conditional";
import { syncCacheUsage } from "./cache-usage.ts";
import type { SyncContext, SyncRepo } from "./context.ts";
import { syncDeployments } from "./deployments.ts";
import { parseGitHub, runSchema } from "./github-schemas.ts";
import { pool } from "./pool.ts";
import { listDueRuns, syncRunDetails } from "./run-details.ts";
import { listRuns } from "./run-lists.ts";
import { DAY } from "./run-windows.ts";
import { saveRuns } from "./runs.ts";
import { backfillDone, beginSync, recordProgress } from "./sync-state.ts";
import { syncWorkflows } from "./workflows.ts";

/** Re-runs are possible for 30 days after a run; older windows never change again. */
const RERUN_HORIZON_MS = 31 * DAY;
const SWEEP_CURSOR = "runs_swept_at";

export type RepoSyncResult = {
  fullPass: boolean;
  windows: number;
  unchangedWindows: number;
  runsStored: number;
  rechecked: number;
  detailed: number;
  /** Runs whose details wait for the budget to reset. */
  deferred: number;
  deployments: number;
};

export type RepoSyncOptions = { since?: Date; signal?: AbortSignal };

const dayStart = (ms: number) => Math.floor(ms / DAY) * DAY;

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
    const url = apiUrl(ctx.client, `/repos/${repo.owner}/${repo.name}/actions/runs/${id}`);
    const answer = await getIfChanged(ctx.db, ctx.client, url);
    if (!answer.changed) return;
    const run = parseGitHub(runSchema, answer.data, "workflow run");
    await ctx.db.$transaction(async (tx) => {
      await saveRuns(tx, repo.id, [run]);
      await storeValidators(tx, [{ url, validator: answer.validator }]);
    });
  });
  return stale.length;
}

function checkAborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("aborted");
}

/** One sync pass over `repo`. */
export async function syncRepository(
  ctx: SyncContext,
  repo: SyncRepo,
  options: RepoSyncOptions = {},
): Promise<RepoSyncResult> {
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
  report("workflows");
  await syncWorkflows(ctx, repo);
  checkAborted(options.signal);

  const swept = await sweptAt(ctx, repo);
  const sweepFrom = Math.max(backfillFrom, now - RERUN_HORIZON_MS);
  const sweepDue =
    swept === null ||
    now - swept >= ctx.options.sweepEveryMs ||
    !(await backfillDone(ctx.db, repo.id));
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
  checkAborted(options.signal);
  const rechecked = await recheckUnfinished(ctx, repo, dayStart(listFrom));
  checkAborted(options.signal);

  const due = await listDueRuns(ctx, repo);
  let done = 0;
  // The progress of the last pass that had details to fetch (the backfill's, at first) stays
  // readable until another such pass begins.
  if (due.length > 0) await recordProgress(ctx.db, repo.id, { expected: due.length, synced: 0 });
  report("details", { runsListed: listed.runsStored, detailsDue: due.length });
  let deferred = 0;
  await pool(due, ctx.options.concurrency, async (run) => {
    checkAborted(options.signal);
    // Keep a reserve of the budget for the cheap, conditional reads of every repository:
    // the remaining details wait for the budget to reset.
    const left = ctx.budgetRemaining?.() ?? null;
    if (left !== null && left < ctx.options.budgetReserve) {
      deferred++;
      return;
    }
    await syncRunDetails(ctx, repo, run);
    done++;
    if (done % 10 === 0 || done === due.length) {
      await recordProgress(ctx.db, repo.id, { expected: due.length, synced: done });
      report("details", {
        runsListed: listed.runsStored,
        detailsDone: done,
        detailsDue: due.length,
      });
    }
  });

  report("deployments");
  const deployments = await syncDeployments(ctx, repo, new Date(backfillFrom));
  await syncCacheUsage(ctx, repo);
  if (fullPass) await setSweptAt(ctx, repo, new Date(now));
  report("done", { runsListed: listed.runsStored, detailsDone: done, detailsDue: due.length });
  return {
    fullPass,
    windows: listed.windows,
    unchangedWindows: listed.unchanged,
    runsStored: listed.runsStored,
    rechecked,
    detailed: done,
    deferred,
    deployments: deployments.deployments,
  };
}
