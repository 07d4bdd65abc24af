// `pipewatch start|demo|dev`: the database (embedded unless DATABASE_URL is set), its
// migrations, then the Next.js server as a child process, stopped together on Ctrl-C/SIGTERM.

import type { ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import type { Config } from "@/lib/config";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";
import { UserError } from "@/lib/errors";
import { buildNext, type NextMode, spawnNext, waitUntilHealthy } from "./next-server.ts";
import { assertPortFree } from "./port.ts";
import { isBuildCurrent, stampBuild } from "./source-hash.ts";

export type LaunchOptions = {
  mode: NextMode;
  /** For `start`: build first when .next is missing or older than the sources. */
  buildIfStale: boolean;
  log: (line: string) => void;
};

type Database = { url: string; embedded: boolean; stop: () => Promise<void> };

/** Runs `next build` and records which sources it was built from. */
export async function buildApp(): Promise<void> {
  const code = await buildNext();
  if (code !== 0) throw new UserError(`next build failed (exit code ${code}).`);
  stampBuild();
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
  log(`Starting the embedded database in ${config.dataDir}/db ...`);
  const embedded = await startEmbeddedDatabase(config.dataDir);
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** The child's exit code; a child ended by a signal we forwarded counts as a clean stop. */
function waitForExit(child: ChildProcess): Promise<number> {
  if (exited(child)) return Promise.resolve(child.exitCode ?? 0);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 0)));
}

/** Asks the child to stop, and makes it stop after `graceMs`. */
async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (exited(child)) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await waitForExit(child);
  clearTimeout(timer);
}

/** Starts everything and resolves with the exit code once it has all stopped. */
export async function launchApp(config: Config, options: LaunchOptions): Promise<number> {
  await ensureBuild(options);
  await assertPortFree(config.host, config.port);
  const database = await openDatabase(config, options.log);
  let child: ChildProcess | undefined;
  const onSignal = () => {
    if (child) void stopChild(child);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const { applied } = await migrate(database.url, { log: options.log });
    if (applied.length === 0) options.log("Database schema is up to date.");
    child = spawnNext(options.mode, {
      host: config.host,
      port: config.port,
      env: {
        DATABASE_URL: database.url,
        PIPEWATCH_EMBEDDED_DB: database.embedded ? "1" : "0",
        PIPEWATCH_SUPERVISOR_PID: String(process.pid),
      },
    });
    const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${config.port}`;
    if (await waitUntilHealthy(url, child))
      options.log(`Pipewatch is running at ${url}  (Ctrl-C to stop)`);
    return await waitForExit(child);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (child) await stopChild(child);
    await database.stop();
  }
}
