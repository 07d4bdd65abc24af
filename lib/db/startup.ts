// Migration at server start-up (instrumentation.ts).
import "server-only";
import { getConfig } from "@/lib/config";
import { describeError } from "@/lib/errors";
import { migrate } from "./migrate.ts";

/** Applies pending migrations when a database is configured; logs instead of crashing. */
export async function migrateAtStartup(): Promise<void> {
  const url = getConfig().databaseUrl;
  if (!url) {
    console.error(
      "pipewatch: DATABASE_URL is not set; start with `npm start` to use the embedded database.",
    );
    return;
  }
  try {
    const result = await migrate(url);
    for (const name of result.applied) console.log(`pipewatch: applied migration ${name}`);
  } catch (error: unknown) {
    // /api/health reports the database as down; the process stays up to say so.
    console.error(`pipewatch: could not migrate the database: ${describeError(error)}`);
  }
}
