// The worker inside the web server (`npm start`, `npm run demo`), unless PIPEWATCH_WORKER=off.
// It only starts when there is something to sync with: repositories and GitHub credentials.
import "server-only";
import { startAlerts } from "@/lib/alerts/background";
import type { Config } from "@/lib/config";
import { createDb, type Db, getDb } from "@/lib/db/client";
import { startDigestSchedule } from "@/lib/digest/schedule";
import { onShutdown } from "@/lib/launch/shutdown";
import { getLogger } from "@/lib/log/log";
import { runRetention } from "@/lib/retention/schedule";
import { createSyncEnvironment } from "./environment.ts";
import type { RepoOutcome } from "./sync.ts";
import { runWorker } from "./worker.ts";

// The sync, alerts and digest report in plain sentences (the CLI prints the same ones).
const log = (line: string) => getLogger().info(line);
/** Connections of the worker's own pool: it syncs one repository at a time, a few queries at once. */
const WORKER_POOL = 4;

/** Why the in-app worker does not run, or null when it should. */
export function workerDisabledReason(config: Config): string | null {
  if (!config.worker) return "PIPEWATCH_WORKER=off: run `npx pipewatch worker` to sync";
  if (!config.databaseUrl) return "no database";
  if (config.repos.length === 0) return "no repositories configured (PIPEWATCH_REPOS)";
  if (!config.githubToken && !config.githubApp)
    return "no GitHub credentials (GITHUB_TOKEN or GITHUB_APP_ID)";
  return null;
}

function logOutcome(outcome: RepoOutcome, durationMs: number): void {
  const logger = getLogger();
  if (outcome.status === "failed")
    logger.warn({ repo: outcome.repo, durationMs, error: outcome.error }, "sync failed");
  else if (outcome.status === "synced") {
    const { runsStored, detailed, deferred, deployments } = outcome.result;
    logger.info(
      { repo: outcome.repo, durationMs, runsStored, detailed, deferred, deployments },
      "synced",
    );
  }
}

/** The daily retention pass (lib/retention), unless PIPEWATCH_RETENTION_DAYS=off. */
async function startRetention(config: Config, db: Db, workerId: string, signal: AbortSignal) {
  await runRetention(db, {
    days: config.retentionDays,
    workerId,
    signal,
    onPruned: (result, durationMs) =>
      getLogger().info(
        { cut: result.cut, deleted: result.deleted, statements: result.statements, durationMs },
        "retention: pruned the history before the cut",
      ),
    onError: (error) => getLogger().error({ err: error }, "retention failed"),
  });
}

const holder = globalThis as typeof globalThis & { pipewatchWorker?: AbortController };

/** Starts the in-app worker once per process; returns false when it does not run. */
export function startBackgroundWorker(config: Config): boolean {
  const reason = workerDisabledReason(config);
  if (reason) {
    getLogger().info({ reason }, "not syncing");
    return false;
  }
  if (holder.pipewatchWorker) return true;
  const stop = new AbortController();
  holder.pipewatchWorker = stop;
  try {
    // The worker has a pool of its own: on the shared one its queries waited behind every API
    // request's, and under load (50 clients on /api/v1/pipelines, npm run bench:load) it
    // started no sync at all for seconds on end.
    const db = config.databaseUrl ? createDb(config.databaseUrl, { max: WORKER_POOL }) : getDb();
    const env = createSyncEnvironment(config, db, { log, signal: stop.signal });
    getLogger().info(
      {
        repos: config.repos.map((r) => `${r.owner}/${r.repo}`),
        pollIntervalSeconds: config.pollIntervalSeconds,
      },
      "syncing",
    );
    const alerts = startAlerts(config, env.db, {
      workerId: env.workerId,
      signal: stop.signal,
      log,
    });
    startDigestSchedule(config, env.db, env.workerId, log, stop.signal);
    const worker = runWorker(env, config.repos, stop.signal, logOutcome).catch((error: unknown) =>
      getLogger().error({ err: error }, "the sync worker stopped"),
    );
    const retention = startRetention(config, env.db, env.workerId, stop.signal);
    // On shutdown: the sync ends after its current page, alerts after their current round;
    // then the worker's own pool closes (the shared one closes last, in server-runtime.ts).
    onShutdown("background worker", async () => {
      stop.abort();
      await Promise.all([worker, alerts, retention]);
      if (db !== getDb()) await db.$disconnect();
    });
  } catch (error: unknown) {
    getLogger().error({ err: error }, "not syncing");
    return false;
  }
  return true;
}
