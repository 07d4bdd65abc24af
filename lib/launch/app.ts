// `pipewatch start|demo|dev`: the database (embedded unless DATABASE_URL is set), its
// migrations, then the Next.js server as a child process, stopped together on Ctrl-C, SIGTERM,
// SIGHUP or when npm goes away. The data-directory lock and the port are checked before
// anything slow (a build) happens.
import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import type { Config } from "@/lib/config";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { UserError } from "@/lib/errors";
import { startDemoGitHub } from "./demo-github.ts";
import { buildNext, type NextMode, spawnNext, waitUntilHealthy } from "./next-server.ts";
import { assertPortFree } from "./port.ts";
import { hashSources, isBuildCurrent, stampBuild } from "./source-hash.ts";
import { createStopController, type StopController } from "./stop.ts";

export type LaunchOptions = {
  mode: NextMode;
  /** For `start`: build first when .next is missing or older than the sources. */
  buildIfStale: boolean;
  log: (line: string) => void;
  /** `npm run demo`: sync from the simulator's demo organisation instead of GitHub. */
  demoGitHub?: boolean;
};

type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

/** Runs `next build` and records which sources it was built from. */
export async function buildApp(): Promise<void> {
  const hash = hashSources(); // before the build: an edit during it must trigger the next one
  const code = await buildNext();
  if (code !== 0) throw new UserError(`next build failed (exit code ${code}).`);
  stampBuild(hash);
}

async function ensureBuild(options: LaunchOptions): Promise<void> {
  if (options.mode !== "start" || isBuildCurrent()) return;
  if (options.buildIfStale) {
    options.log("Building the web app (once, and again whenever the sources change)...");
    await buildApp();
  } else if (!existsSync(".next/BUILD_ID")) {
    throw new UserError("There is no production build yet: run `npm run build` first.");
  } else {
    options.log("Warning: the build in .next is older than the sources; run `npm run build`.");
  }
}

async function openDatabase(config: Config, log: (line: string) => void): Promise<Database> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  }
  const embedded = await startEmbeddedDatabase(config.dataDir);
  log(`Embedded database ready in ${embedded.dir}`);
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** The child's exit code, or 128 + the signal's number when a signal ended it. */
function exitCodeOf(child: ChildProcess): number {
  if (child.exitCode !== null) return child.exitCode;
  const signal = child.signalCode;
  return signal ? 128 + (constants.signals[signal] ?? 0) : 1;
}

function waitForExit(child: ChildProcess): Promise<number> {
  if (exited(child)) return Promise.resolve(exitCodeOf(child));
  return new Promise((resolve) => child.once("exit", () => resolve(exitCodeOf(child))));
}

/** Asks the child to stop, and makes it stop after `graceMs`. */
async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (exited(child)) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await waitForExit(child);
  clearTimeout(timer);
}

async function serve(
  config: Config,
  database: Database,
  options: LaunchOptions,
  stop: StopController,
): Promise<number> {
  const { applied } = await migrate(database.url, { log: options.log, signal: stop.signal });
  if (applied.length === 0) options.log("Database schema is up to date.");
  if (stop.signal.aborted) return 0;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${config.port}`;
  const github = options.demoGitHub ? await startDemoGitHub(config.dataDir, url) : null;
  if (github) options.log(`Demo GitHub (simulator, organisation acme) at ${github.url}`);
  const child = spawnNext(options.mode, {
    host: config.host,
    port: config.port,
    env: {
      DATABASE_URL: database.url,
      PIPEWATCH_EMBEDDED_DB: database.embedded ? "1" : "0",
      PIPEWATCH_SUPERVISOR_PID: String(process.pid),
      ...github?.env,
    },
  });
  stop.onStop(() => void stopChild(child));
  try {
    const healthy = await waitUntilHealthy(url, child, stop.signal);
    if (stop.signal.aborted) return 0;
    if (!healthy) {
      if (exited(child))
        options.log(`The web server exited during start-up (exit code ${exitCodeOf(child)}).`);
      else
        options.log(`The web server did not answer ${url}/api/health within 2 minutes; stopping.`);
      return 1;
    }
    options.log(`Pipewatch is running at ${url}  (Ctrl-C to stop)`);
    const code = await waitForExit(child);
    return stop.signal.aborted ? 0 : code;
  } finally {
    await stopChild(child);
    await github?.stop();
  }
}

/** Starts everything and resolves with the exit code once it has all stopped. */
export async function launchApp(config: Config, options: LaunchOptions): Promise<number> {
  const stop = createStopController(config.underNpm);
  try {
    const database = await openDatabase(config, options.log);
    try {
      await assertPortFree(config.host, config.port);
      await ensureBuild(options);
      if (stop.signal.aborted) return 0;
      return await serve(config, database, options, stop);
    } finally {
      await database.stop();
      options.log(stop.signal.aborted ? "Pipewatch stopped." : "Pipewatch has exited.");
    }
  } finally {
    stop.dispose();
  }
}
