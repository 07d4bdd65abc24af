// A fresh, migrated database for one integration test file, so tests never see each other's
// rows: a new database on TEST_DATABASE_URL's server when it is set (CI uses the machine's
// PostgreSQL), otherwise an in-memory PGlite.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { startMemoryDatabase } from "./embedded.ts";
import { migrate } from "./migrate.ts";

export type TestDatabase = { url: string; drop: () => Promise<void> };

async function createOnServer(serverUrl: string): Promise<TestDatabase> {
  const name = `pipewatch_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** An empty database (no migrations applied). */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) return createOnServer(serverUrl);
  const memory = await startMemoryDatabase();
  return { url: memory.url, drop: memory.stop };
}

/** A database with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await createEmptyTestDatabase();
  await migrate(database.url);
  return database;
}
