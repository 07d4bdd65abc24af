// Helpers for sync tests: a sync environment against a simulator, the scenario's ground truth
// computed from the simulator's own model, and a snapshot of what the database holds (without
// bookkeeping columns and surrogate ids, so two syncs can be compared for equality).
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { createGitHubClient, type Exchange } from "@/lib/github/client";
import { EVERY_RUN_DAY, RUN_DAY_COLUMNS, runDaysSql } from "@/lib/metrics/run-days";
import { cacheRestoresOf, keptQueuesOf } from "@/lib/metrics/run-summaries";
import { artifactsOf, cachesOf, deploymentsOf, testCasesOf } from "@/lib/simulator/derived";
import { runStateAt } from "@/lib/simulator/github/runs";
import type { ScenarioTruth } from "@/lib/simulator/scenarios/index";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { DEFAULT_SYNC_OPTIONS, type SyncOptions } from "./context.ts";
import type { SyncEnvironment } from "./sync.ts";
import { SyncTelemetry } from "./telemetry.ts";

export function testSyncEnvironment(
  db: Db,
  sim: RunningSimulator,
  now: number,
  overrides: Partial<SyncOptions> & { workerId?: string; record?: Exchange[] } = {},
): SyncEnvironment {
  const telemetry = new SyncTelemetry();
  const record = overrides.record;
  const newClient = () =>
    createGitHubClient({
      baseUrl: sim.url,
      auth: { token: "t" },
      retryBaseMs: 5,
      timeoutMs: 2_000,
      maxRateLimitWaitMs: 10_000,
      onExchange: (exchange) => {
        telemetry.onExchange(exchange);
        record?.push(exchange);
      },
    });
  let client = newClient();
  return {
    db,
    clientFor: async () => client,
    resetClients: () => {
      client = newClient();
    },
    telemetry,
    options: { ...DEFAULT_SYNC_OPTIONS, retryBaseMs: 5, ...overrides },
    pollIntervalMs: 60_000,
    workerId: overrides.workerId ?? "test-worker",
    now: () => new Date(now),
  };
}

export type Truth = {
  runs: number;
  attempts: number;
  jobs: number;
  steps: number;
  restores: Record<"exact" | "partial" | "miss", number>;
  testResults: number;
  artifacts: number;
  deployments: number;
  deploymentStatuses: number;
  cacheEntries: number;
};

/** What a complete sync of `owner`'s repositories at `now` must store, from the model itself. */
export function scenarioTruth(sim: RunningSimulator, now: number, from: number): Truth {
  const world = sim.sim.world;
  const truth: Truth = {
    runs: 0,
    attempts: 0,
    jobs: 0,
    steps: 0,
    restores: { exact: 0, partial: 0, miss: 0 },
    testResults: 0,
    artifacts: 0,
    deployments: 0,
    deploymentStatuses: 0,
    cacheEntries: 0,
  };
  for (const repo of world.repos) {
    for (const run of world.runs(repo.id, now)) {
      const found = world.workflow(run.workflowId);
      if (!found || run.createdAt < from || !found.workflow.path.startsWith(".github/workflows/"))
        continue;
      truth.runs++;
      // Details (earlier attempts, jobs, logs, artifacts) are read once a run has completed.
      if (runStateAt(world, run, now).status !== "completed") {
        truth.attempts++;
        continue;
      }
      for (const plan of world.attemptsAt(run, now)) {
        truth.attempts++;
        const attempt = world.attempt(run, plan.number);
        for (const job of attempt.jobs.filter((j) => j.createdAt <= now)) {
          truth.jobs++;
          truth.steps += job.steps.length;
          if (job.completedAt > now) continue;
          for (const step of job.steps) {
            if (
              step.cache &&
              !step.post &&
              step.startedAt !== null &&
              step.conclusion !== "skipped"
            )
              truth.restores[step.cache.outcome]++;
          }
        }
      }
      for (const { attempt, facts } of artifactsOf(world, run, now)) {
        truth.artifacts++;
        // An expired artifact is listed but can no longer be downloaded.
        if (facts.expiresAt > now) truth.testResults += testCasesOf(world, attempt).length;
      }
    }
    for (const d of deploymentsOf(world, repo, now)) {
      if (d.createdAt < from) continue;
      truth.deployments++;
      truth.deploymentStatuses += d.statuses.filter((s) => s.at <= now).length;
    }
    truth.cacheEntries += cachesOf(world, repo, now).length;
  }
  return truth;
}

/** Counts of what the database holds, in Truth's shape. */
export async function storedCounts(db: Db): Promise<Omit<Truth, "cacheEntries">> {
  // Table names are constants of this file: Prisma.raw is for identifiers, never for values.
  const count = async (table: string, where = Prisma.sql`TRUE`) =>
    Number(
      (
        await db.$queryRaw<{ n: bigint }[]>(
          Prisma.sql`SELECT count(*) AS n FROM ${Prisma.raw(table)} WHERE ${where}`,
        )
      )[0]?.n ?? 0,
    );
  const restores = (outcome: string) =>
    count("cache_events", Prisma.sql`kind = 'restore' AND outcome::text = ${outcome}`);
  return {
    runs: await count("workflow_runs"),
    attempts: await count("run_attempts"),
    jobs: await count("jobs"),
    steps: await count("steps"),
    restores: {
      exact: await restores("exact"),
      partial: await restores("partial"),
      miss: await restores("miss"),
    },
    testResults: await count("test_results"),
    artifacts: await count("artifacts"),
    deployments: await count("deployments"),
    deploymentStatuses: await count("deployment_statuses"),
  };
}

/** Every synced table's rows, bookkeeping columns and surrogate ids left out, sorted. */
export async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const tables: Record<string, string> = {
    repositories: "id, full_name, default_branch, tracked",
    workflows: "id, repo_id, name, path, state",
    workflow_runs:
      "id, workflow_id, run_attempt, status, conclusion, head_sha, head_branch, created_at, run_started_at, updated_at, details_attempt",
    run_attempts: "run_id, attempt, status, conclusion, created_at, run_started_at, updated_at",
    jobs: "id, run_id, run_attempt, name, status, conclusion, started_at, completed_at, log_state, log_error",
    steps: "job_id, number, name, status, conclusion, started_at, completed_at",
    cache_events: "job_id, seq, step_number, kind, outcome, source, key, restored_key, size_bytes",
    artifacts: "id, run_id, name, state, state_reason, test_count",
    test_results: "artifact_id, seq, run_attempt, suite, name, outcome, retries, duration_ms",
    deployments: "id, sha, environment, run_id, updated_at",
    deployment_statuses: "id, deployment_id, state, log_url",
    cache_usage: "repo_id, size_in_bytes, count",
  };
  const out: Record<string, string[]> = {};
  for (const [table, columns] of Object.entries(tables)) {
    const rows = await db.$queryRaw<{ r: string }[]>(
      Prisma.sql`SELECT row(${Prisma.raw(columns)})::text AS r FROM ${Prisma.raw(table)}`,
    );
    out[table] = rows.map((row) => row.r).sort();
  }
  return out;
}

/** The pipeline flags a scenario declares at simulated time `at`, as `repo workflow kind severity`. */
export function declaredFlags(truth: ScenarioTruth, at: number): string[] {
  return truth.flags
    .filter((f) => (f.from ?? -Infinity) <= at && at < (f.until ?? Infinity))
    .map((f) => `${f.repo} ${f.workflow} ${f.kind} ${f.severity}`)
    .sort();
}

/** The open pipeline flags (every kind but stale_data, which is about the sync) in that form. */
export async function openPipelineFlags(db: Db): Promise<string[]> {
  const open = await db.flag.findMany({
    where: { resolvedAt: null, kind: { not: "stale_data" } },
    include: { repo: true, workflow: true },
  });
  return open.map((f) => `${f.repo.fullName} ${f.workflow?.name} ${f.kind} ${f.severity}`).sort();
}

/** What derivedColumns gives for each stale count after any write: none. */
export const NO_STALE_DERIVED = {
  staleRunSummaries: 0,
  staleDeploymentWorkflows: 0,
  staleDeploymentSuccesses: 0,
  staleShaShared: 0,
  staleRunDays: 0,
};

/**
 * Rows whose values kept for the metrics (run-summaries.ts, deployments.ts) differ from what they
 * are derived from, and how many are set at all: the first three must be 0 after any write.
 */
export async function derivedColumns(db: Db) {
  const run = Prisma.sql`r.id`;
  // A kept day without runs (all deleted) is as good as none.
  const keptDays = Prisma.sql`SELECT workflow_id, head_branch, day, ${RUN_DAY_COLUMNS}
    FROM run_days WHERE runs_total > 0`;
  const [row] = await db.$queryRaw<Record<string, number>[]>`
    SELECT
      (SELECT count(*) FROM workflow_runs r
        WHERE (r.details_attempt > 0 OR EXISTS (SELECT 1 FROM jobs j WHERE j.run_id = r.id))
          AND (r.queue_ms IS DISTINCT FROM ${keptQueuesOf(run)}
            OR r.cache_hits IS DISTINCT FROM ${cacheRestoresOf(run, "exact")}
            OR r.cache_partial IS DISTINCT FROM ${cacheRestoresOf(run, "partial")}
            OR r.cache_misses IS DISTINCT FROM ${cacheRestoresOf(run, "miss")}))::int AS "staleRunSummaries",
      (SELECT count(*) FROM deployments d LEFT JOIN workflow_runs r ON r.id = d.run_id
        WHERE d.workflow_id IS DISTINCT FROM r.workflow_id)::int AS "staleDeploymentWorkflows",
      (SELECT count(*) FROM deployments d WHERE d.last_success_at IS DISTINCT FROM (
        SELECT max(s.created_at) FROM deployment_statuses s
        WHERE s.deployment_id = d.id AND s.state = 'success'))::int AS "staleDeploymentSuccesses",
      (SELECT count(*) FROM workflow_runs r WHERE r.sha_shared IS DISTINCT FROM EXISTS (
        SELECT 1 FROM workflow_runs o
        WHERE o.workflow_id = r.workflow_id AND o.head_sha = r.head_sha AND o.id <> r.id))::int AS "staleShaShared",
      (SELECT count(*) FROM workflow_runs WHERE sha_shared)::int AS "runsSharingSha",
      (SELECT count(*) FROM (
        (${runDaysSql(EVERY_RUN_DAY)} EXCEPT ALL ${keptDays})
        UNION ALL (${keptDays} EXCEPT ALL ${runDaysSql(EVERY_RUN_DAY)})) s)::int AS "staleRunDays",
      (SELECT count(*) FROM run_days WHERE cardinality(queue_ms) > 0)::int AS "queueDays",
      (SELECT count(*) FROM run_days WHERE cardinality(duration_ms) > 0 AND sole_groups > 0)::int AS "runDays",
      (SELECT count(*) FROM workflow_runs WHERE cardinality(queue_ms) > 0)::int AS "runQueues",
      (SELECT count(*) FROM workflow_runs WHERE cache_hits > 0)::int AS "runCacheHits",
      (SELECT count(*) FROM deployments WHERE workflow_id IS NOT NULL)::int AS "deploymentWorkflows"`;
  return row;
}
