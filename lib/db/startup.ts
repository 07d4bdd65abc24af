// Migration at server start-up (instrumentation.ts).
import "server-only";
import { getConfig } from "@/lib/config";
import { getLogger } from "@/lib/log/log";
import { migrate } from "./migrate.ts";

/** Applies pending migrations when a database is configured; logs instead of crashing. */
export async function migrateAtStartup(): Promise<void> {
  const url = getConfig().databaseUrl;
  if (!url) {
    getLogger().error(
      "DATABASE_URL is not set; start with `npm start` to use the embedded database",
    );
    return;
  }
  try {
    const result = await migrate(url);
    for (const name of result.applied) getLogger().info({ migration: name }, "applied migration");
  } catch (error: unknown) {
    // /api/health reports the database as down; the process stays up to say so.
    getLogger().error({ err: error }, "could not migrate the database");
  }
}
