// Integration tests only: a fresh, migrated database for the test file, created in a beforeAll
// and dropped in an afterAll that this module registers, with a client on it.
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "./client.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

/** The test file's database; read only inside hooks and tests (it exists from its beforeAll). */
export type TestDatabaseHandle = {
  /** A client on the database, disconnected after the file's tests. */
  readonly db: Db;
  /** The database's connection URL. */
  readonly url: string;
};

/**
 * Registers a beforeAll that creates the database and a client on it (a pool of `max`
 * connections, 2 by default), and an afterAll that disconnects the client and drops the
 * database. Call it at the top of the file: a beforeAll the file registers after it runs once
 * the database exists (vitest runs beforeAll hooks in order, afterAll hooks in reverse).
 */
export function setUpTestDatabase(options: { max?: number } = {}): TestDatabaseHandle {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url, { max: options.max ?? 2 });
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });
  const notYet = (what: string) =>
    new Error(`the test database's ${what} is used before its beforeAll ran (or after it failed)`);
  return {
    get db() {
      if (!db) throw notYet("client");
      return db;
    },
    get url() {
      if (!database) throw notYet("url");
      return database.url;
    },
  };
}
