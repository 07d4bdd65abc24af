// The database for a command: DATABASE_URL, or the embedded one in the data directory (which
// a running Pipewatch holds: then this says so), migrated first.
import type { Config } from "@/lib/config";
import { createDb, type Db } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

export async function withDatabase<T>(config: Config, work: (db: Db) => Promise<T>): Promise<T> {
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase(config.dataDir);
  const url = config.databaseUrl ?? embedded?.url ?? "";
  const db = createDb(url, { max: 8 });
  try {
    await migrate(url, { log: () => undefined });
    return await work(db);
  } finally {
    await db.$disconnect();
    await embedded?.stop();
  }
}
