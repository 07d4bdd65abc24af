// Reading the run lists of a repository, window by window (run-windows.ts), conditionally: an
// unchanged window costs a free 304; a changed one is stored with its ETag in one transaction.
import "server-only";
import { z } from "zod";
import { apiUrl, getIfChanged, storeValidators } from "@/lib/github/conditional";
import type { SyncContext, SyncRepo } from "./context.ts";
import { parseGitHub, runSchema } from "./github-schemas.ts";
import { pool } from "./pool.ts";
import {
  createdQualifier,
  dayWindows,
  planWindows,
  splitWindow,
  type Window,
} from "./run-windows.ts";
import { saveRuns } from "./runs.ts";
import { isDynamicWorkflow } from "./workflows.ts";

const PER_PAGE = 100;
/**
 * A window is split when it holds more than a page: found when reading it (total_count), and
 * from then on planned from the stored runs, so the same windows (and ETags) are read again.
 */
const TARGET = PER_PAGE;

const listSchema = z.object({
  total_count: z.number().int().nonnegative(),
  workflow_runs: z.array(z.unknown()),
});

export type ListResult = { windows: number; unchanged: number; runsStored: number };

/** The creation times of the repository's stored runs in [from, to], sorted. */
async function storedTimes(ctx: SyncContext, repo: SyncRepo, from: number, to: number) {
  const rows = await ctx.db.workflowRun.findMany({
    where: { repoId: BigInt(repo.id), createdAt: { gte: new Date(from), lte: new Date(to) } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.createdAt.getTime());
}

function windowUrl(ctx: SyncContext, repo: SyncRepo, window: Window): string {
  return apiUrl(ctx.client, `/repos/${repo.owner}/${repo.name}/actions/runs`, {
    created: createdQualifier(window),
    per_page: PER_PAGE,
  });
}

/**
 * Reads one window: unchanged (304), stored with its ETag, or, when it holds more than a page,
 * split in two and read again.
 */
async function listWindow(
  ctx: SyncContext,
  repo: SyncRepo,
  window: Window,
  result: ListResult,
): Promise<void> {
  const url = windowUrl(ctx, repo, window);
  const answer = await getIfChanged(ctx.db, ctx.client, url);
  result.windows++;
  if (!answer.changed) {
    result.unchanged++;
    return;
  }
  const page = parseGitHub(listSchema, answer.data, "workflow run list");
  if (page.total_count > page.workflow_runs.length) {
    const half = splitWindow(window);
    if (half) {
      await listWindow(ctx, repo, half[1], result);
      await listWindow(ctx, repo, half[0], result);
      return;
    }
  }
  const runs = page.workflow_runs.map((item) => parseGitHub(runSchema, item, "workflow run"));
  await ctx.db.$transaction(async (tx) => {
    const { stored, skipped } = await saveRuns(tx, repo.id, runs);
    result.runsStored += stored.length;
    // A run of a workflow not stored yet (created since the workflows were read) must be read
    // again next time: the window's ETag is kept only when every skipped run is a generated one.
    const complete = skipped.every((r) => r.path && isDynamicWorkflow(r.path));
    if (complete) await storeValidators(tx, [{ url, validator: answer.validator }]);
  });
}

/** Reads the runs created in [from, to] (whole UTC days), storing what changed. */
export async function listRuns(
  ctx: SyncContext,
  repo: SyncRepo,
  from: number,
  to: number,
): Promise<ListResult> {
  const days = dayWindows(from, to);
  const first = days[0]?.from ?? from;
  const last = days.at(-1)?.to ?? to;
  const windows = planWindows(days, await storedTimes(ctx, repo, first, last), TARGET);
  const result: ListResult = { windows: 0, unchanged: 0, runsStored: 0 };
  await pool(windows, ctx.options.concurrency, (window) => listWindow(ctx, repo, window, result));
  return result;
}
