// The details phase of a pass: every due run's details, several at a time. One run's failure
// does not stop the others: it is counted on the run (given up on after MAX_DETAILS_FAILURES
// passes) and reported; a run GitHub no longer has (404) is deleted. Failures that concern the
// whole repository (credentials, rate limit, a lost lease) end the phase.
import "server-only";
import { statusOf } from "@/lib/github/client";
import { keepRunDays, runDaysOf } from "@/lib/metrics/run-days";
import { lockShaGroups, refreshShaShared } from "@/lib/metrics/sha-shared";
import type { SyncContext, SyncRepo } from "./context.ts";
import { linkDeploymentsOfRuns } from "./deployments.ts";
import { pool } from "./pool.ts";
import { type DueRun, listDueRuns, syncRunDetails } from "./run-details.ts";
import { recordProgress } from "./sync-state.ts";

export type DetailsResult = {
  due: number;
  done: number;
  /** Left for the budget's reset. */
  deferred: number;
  deleted: number;
  failed: { runId: number; message: string }[];
};

/** Errors that concern every run of the repository, not one. */
export function isRepositoryWide(error: unknown): boolean {
  const status = statusOf(error);
  return (
    status === 401 ||
    status === 429 ||
    (status === 403 && /rate limit|forbidden|not accessible/i.test(String(error))) ||
    (error instanceof Error && /lost the lease|aborted/i.test(error.message))
  );
}

export async function deleteRun(ctx: SyncContext, runId: number): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    const run = await tx.workflowRun.findUnique({
      where: { id: BigInt(runId) },
      select: { workflowId: true, headSha: true, headBranch: true, createdAt: true },
    });
    if (!run) return;
    const group = [{ workflowId: Number(run.workflowId), headSha: run.headSha }];
    await lockShaGroups(tx, group);
    await tx.workflowRun.delete({ where: { id: BigInt(runId) } });
    // Its deployments no longer belong to a stored run's pipeline; another run of its SHA may
    // no longer share it; its day no longer has its numbers.
    await linkDeploymentsOfRuns(tx, [runId]);
    const flipped = await refreshShaShared(tx, group);
    await keepRunDays(tx, runDaysOf([run, ...flipped]));
  });
}

async function recordFailure(ctx: SyncContext, run: DueRun, error: unknown): Promise<string> {
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  await ctx.db.$executeRaw`
    UPDATE workflow_runs SET details_failures = details_failures + 1,
      details_error = ${message.slice(0, 500)}
     WHERE id = ${BigInt(run.id)}`;
  return message;
}

/** Fetches the details of every due run of the repository. */
export async function fetchDueDetails(
  ctx: SyncContext,
  repo: SyncRepo,
  checkAborted: () => void,
  onProgress: (done: number, due: number) => void,
): Promise<DetailsResult> {
  const due = await listDueRuns(ctx, repo);
  const result: DetailsResult = { due: due.length, done: 0, deferred: 0, deleted: 0, failed: [] };
  // The progress of the last pass that had details to fetch (the backfill's, at first) stays
  // readable until another such pass begins.
  if (due.length > 0) await recordProgress(ctx.db, repo.id, { expected: due.length, synced: 0 });
  onProgress(0, due.length);
  await pool(due, ctx.options.concurrency, async (run) => {
    checkAborted();
    // Keep a reserve of the budget for the cheap, conditional reads of every repository:
    // the remaining details wait for the budget to reset.
    const left = ctx.budgetRemaining?.() ?? null;
    if (left !== null && left < ctx.options.budgetReserve) {
      result.deferred++;
      return;
    }
    try {
      await syncRunDetails(ctx, repo, run);
      result.done++;
    } catch (error: unknown) {
      if (isRepositoryWide(error)) throw error;
      if (statusOf(error) === 404) {
        await deleteRun(ctx, run.id);
        result.deleted++;
        return;
      }
      result.failed.push({ runId: run.id, message: await recordFailure(ctx, run, error) });
    }
    const finished = result.done + result.failed.length + result.deleted;
    if (finished % 10 === 0 || finished === due.length) {
      await recordProgress(ctx.db, repo.id, { expected: due.length, synced: result.done });
      onProgress(result.done, due.length);
    }
  });
  return result;
}
