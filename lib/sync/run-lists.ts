// Reading the run lists of a repository, window by window (run-windows.ts), conditionally: an
// unchanged window costs a free 304; a changed one is stored with its ETag in one transaction.
import "server-only";
import { z } from "zod";
import { apiUrl, getConditional, getIfChanged, storeValidators } from "@/lib/github/conditional";
import { type SyncContext, type SyncRepo, stopIfAborted } from "./context.ts";
import { type GitHubRun, parseGitHub, runSchema } from "./github-schemas.ts";
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

export type ListResult = {
  windows: number;
  unchanged: number;
  runsStored: number;
  /** Windows found fuller than a page while reading them (remembered, see planWindows). */
  splits: Set<string>;
};

const SPLITS_CURSOR = "run_window_splits";
const windowKey = (w: Window) => `${w.from}/${w.to}`;

/** Windows of the repository known to hold more than a page (runs not stored count too). */
async function knownSplits(ctx: SyncContext, repo: SyncRepo): Promise<Set<string>> {
  const cursor = await ctx.db.syncCursor.findUnique({
    where: { repoId_name: { repoId: BigInt(repo.id), name: SPLITS_CURSOR } },
  });
  try {
    const keys: unknown = JSON.parse(cursor?.value ?? "[]");
    return new Set(Array.isArray(keys) ? keys.filter((k) => typeof k === "string") : []);
  } catch {
    return new Set();
  }
}

async function rememberSplits(ctx: SyncContext, repo: SyncRepo, keys: Set<string>, from: number) {
  // Windows older than the listed range are never planned again: forget them.
  const kept = [...keys].filter((k) => Number(k.split("/")[1]) >= from).sort();
  const value = JSON.stringify(kept);
  await ctx.db.syncCursor.upsert({
    where: { repoId_name: { repoId: BigInt(repo.id), name: SPLITS_CURSOR } },
    create: { repoId: BigInt(repo.id), name: SPLITS_CURSOR, value },
    update: { value },
  });
}

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
  stopIfAborted(ctx);
  const url = windowUrl(ctx, repo, window);
  const answer = await getIfChanged(ctx.db, ctx.client, url);
  result.windows++;
  if (!answer.changed) {
    result.unchanged++;
    return;
  }
  const page = parseGitHub(listSchema, answer.data, "workflow run list");
  const items = [...page.workflow_runs];
  let whole = true;
  if (page.total_count > page.workflow_runs.length) {
    const half = splitWindow(window);
    if (half) {
      await listWindow(ctx, repo, half[1], result);
      await listWindow(ctx, repo, half[0], result);
      result.splits.add(windowKey(window));
      return;
    }
    // More than a page created in one second: read every page; no ETag covers them all.
    whole = false;
    for (let next = answer.next; next; ) {
      const more = await getConditional(ctx.client, next, null);
      if (!more.changed) break;
      items.push(...parseGitHub(listSchema, more.data, "workflow run list").workflow_runs);
      next = more.next;
    }
  }
  // A malformed run is skipped, with its reason logged, rather than failing the whole window:
  // one object GitHub got wrong must not keep every other run of the repository out.
  const runs: GitHubRun[] = [];
  const malformed: string[] = [];
  for (const item of items) {
    try {
      runs.push(parseGitHub(runSchema, item, "workflow run"));
    } catch (error: unknown) {
      malformed.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (malformed.length > 0)
    ctx.log(
      `${repo.fullName}: skipped ${malformed.length} malformed run(s) of a run list, read again next pass: ${malformed[0]}`,
    );
  await ctx.db.$transaction(async (tx) => {
    const { stored, skipped } = await saveRuns(tx, repo.id, runs);
    result.runsStored += stored.length;
    // A run of a workflow not stored yet (created since the workflows were read) must be read
    // again next time: the window's ETag is kept only when every skipped run is a generated one
    // and no run was malformed.
    const complete =
      whole && malformed.length === 0 && skipped.every((r) => r.path && isDynamicWorkflow(r.path));
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
  const splits = await knownSplits(ctx, repo);
  const times = await storedTimes(ctx, repo, first, last);
  const windows = planWindows(days, times, TARGET, (w) => splits.has(windowKey(w)));
  const result: ListResult = { windows: 0, unchanged: 0, runsStored: 0, splits: new Set() };
  try {
    await pool(windows, ctx.options.concurrency, (window) => listWindow(ctx, repo, window, result));
  } finally {
    const found = [...result.splits].filter((key) => !splits.has(key));
    if (found.length > 0) await rememberSplits(ctx, repo, new Set([...splits, ...found]), first);
  }
  return result;
}
