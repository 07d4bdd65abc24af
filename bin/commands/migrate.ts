// pipewatch migrate: apply pending migrations to DATABASE_URL, or to the embedded database.
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

const log = (line: string) => console.log(`pipewatch: ${line}`);

export async function migrateCommand(args: string[]): Promise<number> {
  parseArgs({ args, options: {}, strict: true });
  const config = loadConfig();
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase(config.dataDir);
  try {
    const url = config.databaseUrl ?? embedded?.url ?? "";
    const result = await migrate(url, { log });
    log(
      result.applied.length
        ? `${result.applied.length} migration(s) applied.`
        : "Database schema is up to date.",
    );
    log(`Schema version: ${result.current ?? "none"}`);
    return 0;
  } finally {
    await embedded?.stop();
  }
}
