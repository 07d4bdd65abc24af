// GET /api/v1/pipelines and `pipewatch report --json`: every pipeline of the tracked
// repositories with its metrics over a scope (docs/metrics.md). The numbers come from the SQL
// queries beside this file; this module only puts them together.
import "server-only";
import type { Db } from "@/lib/db/client";
import { queryDeploys } from "./deploys.ts";
import { DEFAULT_SLOW_THRESHOLD_MS } from "./flags/rules-basic.ts";
import { type LastRun, queryLastRuns } from "./last-runs.ts";
import { type CacheStats, type FlakyStats, queryFlakyStats } from "./quality-stats.ts";
import { queryRunStats, type RunStats } from "./run-stats.ts";
import type { Scope } from "./scope.ts";
import { queryStreaks, type Streak } from "./streaks.ts";

export type PipelineFlag = { kind: string; severity: string; since: string; message: string };

export type Pipeline = {
  id: string;
  repo: string;
  workflowId: number;
  name: string;
  path: string;
  state: string;
  isDeploy: boolean;
  /** The `slow` flag's threshold for this pipeline: its own, else the default. */
  slowThresholdMs: number;
  defaultBranch: string;
  runs: number;
  successes: number;
  failures: number;
  cancelled: number;
  successRate: number | null;
  durationMs: RunStats["durationMs"];
  queueMs: RunStats["queueMs"];
  cache: CacheStats;
  flaky: FlakyStats;
  streak: Streak;
  lastDeployAt: string | null;
  /** The latest run on the scope's branch, whatever the window; null: none. */
  lastRun: LastRun | null;
  flags: PipelineFlag[];
};

export type PipelinesReport = {
  generatedAt: string;
  window: { from: string; to: string };
  pipelines: Pipeline[];
};

const NO_CACHE: CacheStats = { hits: 0, partial: 0, misses: 0, hitRate: null };
const NO_FLAKY: FlakyStats = { flakyRuns: 0, rate: null, flakyTests: 0 };
const NO_STREAK: Streak = {
  lastSuccessAt: null,
  sinceLastSuccessMs: null,
  failureStreak: 0,
  longestGapMs: null,
};

/** Thrown for a `repo` that is not tracked: the API answers 404 naming it. */
export class UnknownRepositoryError extends Error {}

/**
 * The pipelines of the tracked repositories (or of `repo`, `owner/name`, or the one workflow
 * `workflowId`) over `scope`.
 */
export async function getPipelinesReport(
  db: Db,
  scope: Scope,
  options: { repo?: string; workflowId?: number } = {},
): Promise<PipelinesReport> {
  const repos = await db.repository.findMany({
    where: {
      tracked: true,
      ...(options.repo ? { fullName: { equals: options.repo, mode: "insensitive" } } : {}),
      ...(options.workflowId !== undefined
        ? { workflows: { some: { id: BigInt(options.workflowId) } } }
        : {}),
    },
    include: {
      workflows: {
        orderBy: { name: "asc" },
        ...(options.workflowId !== undefined ? { where: { id: BigInt(options.workflowId) } } : {}),
      },
      flags: { where: { resolvedAt: null } },
    },
    orderBy: { fullName: "asc" },
  });
  if (options.repo && repos.length === 0)
    throw new UnknownRepositoryError(`no tracked repository ${options.repo}`);
  const ids = repos.map((r) => Number(r.id));
  // One pipeline (its page) is read alone, not as one of its repository's.
  const only = options.workflowId;
  // The run stats' pass also counts the cache restores and the flaky stats' SHA groups of one
  // run each.
  const runStats = queryRunStats(db, scope, ids, only);
  const soleGroups = runStats.then(
    (all) => new Map(all.map((s) => [s.workflowId, s.soleShaGroups])),
  );
  const [stats, flaky, streaks, deploys, lastRuns] = await Promise.all([
    runStats,
    queryFlakyStats(db, scope, ids, only, soleGroups),
    queryStreaks(db, scope.window, ids, only),
    queryDeploys(db, ids, only),
    queryLastRuns(
      db,
      scope.branch,
      scope.window.to,
      repos.flatMap((r) => r.workflows.map((w) => Number(w.id))),
    ),
  ]);
  const byWorkflow = new Map(stats.map((s) => [s.workflowId, s]));
  const pipelines = repos.flatMap((repo) =>
    repo.workflows.map((w): Pipeline => {
      const id = Number(w.id);
      const s = byWorkflow.get(id);
      return {
        id: String(id),
        repo: repo.fullName,
        workflowId: id,
        name: w.name,
        path: w.path,
        state: w.state,
        isDeploy: deploys.get(id)?.isDeploy ?? false,
        slowThresholdMs: w.slowThresholdMs ?? DEFAULT_SLOW_THRESHOLD_MS,
        defaultBranch: repo.defaultBranch,
        runs: s?.runs ?? 0,
        successes: s?.successes ?? 0,
        failures: s?.failures ?? 0,
        cancelled: s?.cancelled ?? 0,
        successRate: s?.successRate ?? null,
        durationMs: s?.durationMs ?? { p50: null, p95: null, max: null },
        queueMs: s?.queueMs ?? { p50: null, p95: null },
        cache: s?.cache ?? NO_CACHE,
        flaky: flaky.get(id) ?? NO_FLAKY,
        streak: streaks.get(id) ?? NO_STREAK,
        lastDeployAt: deploys.get(id)?.lastDeployAt ?? null,
        lastRun: lastRuns.get(id) ?? null,
        flags: repo.flags
          .filter((f) => f.workflowId === null || Number(f.workflowId) === id)
          .map((f) => ({
            kind: f.kind,
            severity: f.severity,
            since: f.since.toISOString(),
            message: f.message,
          })),
      };
    }),
  );
  return {
    generatedAt: new Date().toISOString(),
    window: { from: scope.window.from.toISOString(), to: scope.window.to.toISOString() },
    pipelines,
  };
}
