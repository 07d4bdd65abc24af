// The worker inside the web server (`npm start`, `npm run demo`), unless PIPEWATCH_WORKER=off.
// It only starts when there is something to sync with: repositories and GitHub credentials.
import "server-only";
import { startAlerts } from "@/lib/alerts/background";
import type { Config } from "@/lib/config";
import { createDb, getDb } from "@/lib/db/client";
import { startDigestSchedule } from "@/lib/digest/schedule";
import { describeError } from "@/lib/errors";
import { createSyncEnvironment } from "./environment.ts";
import { runWorker } from "./worker.ts";

const log = (line: string) => console.log(`pipewatch: ${line}`);
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

const holder = globalThis as typeof globalThis & { pipewatchWorker?: AbortController };

/** Starts the in-app worker once per process; returns false when it does not run. */
export function startBackgroundWorker(config: Config): boolean {
  const reason = workerDisabledReason(config);
  if (reason) {
    log(`not syncing: ${reason}.`);
    return false;
  }
  if (holder.pipewatchWorker) return true;
  const stop = new AbortController();
  holder.pipewatchWorker = stop;
  // No signal handlers of our own: Next.js ends the process on SIGTERM, and a sync cut off at
  // any point is finished by the next one (nothing is lost).
  try {
    // The worker has a pool of its own: on the shared one its queries waited behind every API
    // request's, and under load (50 clients on /api/v1/pipelines, npm run bench:load) it
    // started no sync at all for seconds on end.
    const db = config.databaseUrl ? createDb(config.databaseUrl, { max: WORKER_POOL }) : getDb();
    const env = createSyncEnvironment(config, db, { log });
    log(
      `syncing ${config.repos.map((r) => `${r.owner}/${r.repo}`).join(", ")} every ${config.pollIntervalSeconds} s`,
    );
    startAlerts(config, env.db, { workerId: env.workerId, signal: stop.signal, log });
    startDigestSchedule(config, env.db, env.workerId, log, stop.signal);
    void runWorker(env, config.repos, stop.signal, (outcome) => {
      if (outcome.status === "failed") log(`sync of ${outcome.repo} failed: ${outcome.error}`);
    }).catch((error: unknown) => log(`the sync worker stopped: ${describeError(error)}`));
  } catch (error: unknown) {
    log(`not syncing: ${describeError(error)}`);
    return false;
  }
  return true;
}
