// Start-up work inside the Next.js server process (instrumentation.ts).
import "server-only";
import { exposureProblem } from "@/lib/access/settings";
import { ConfigError, getConfig } from "@/lib/config";
import { closeDb } from "@/lib/db/client";
import { migrateAtStartup } from "@/lib/db/startup";
import { startBackgroundWorker } from "@/lib/sync/background";
import { installShutdownHandlers, onShutdown } from "./shutdown.ts";
import { watchSupervisor } from "./watch-supervisor.ts";

/**
 * Validates the configuration (exit 2 with one line per problem, or when HOST exposes the server
 * without access control), migrates, then starts the sync worker (unless PIPEWATCH_WORKER=off).
 * SIGTERM then stops it all gracefully.
 */
export async function startServerRuntime(): Promise<void> {
  try {
    getConfig();
  } catch (error: unknown) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`pipewatch: ${problem}`);
    process.exit(2);
  }
  const { host, access } = getConfig();
  const exposed = exposureProblem(host, access);
  if (exposed) {
    console.error(`pipewatch: ${exposed}`);
    process.exit(2);
  }
  watchSupervisor();
  installShutdownHandlers();
  onShutdown("database pool", closeDb, { last: true });
  await migrateAtStartup();
  startBackgroundWorker(getConfig());
}
