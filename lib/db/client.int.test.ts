// The client's sessions are in UTC whatever the server's default zone: Prisma's adapter sends
// and reads timestamps without a zone, so any other session zone would shift every stored time.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "./client.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  // A server initialised with the host's zone: new sessions default to it.
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    const name = (await admin.query<{ db: string }>("SELECT current_database() AS db")).rows[0]?.db;
    await admin.query(`ALTER DATABASE "${name}" SET timezone TO 'Asia/Kolkata'`);
  } finally {
    await admin.end();
  }
  db = createDb(database.url, { max: 1 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("the database client", () => {
  it("runs without JIT compilation, which costs more than it saves on the metric queries", async () => {
    // PGlite cannot compile (no LLVM): there the setting is moot.
    const [row] = await db.$queryRaw<{ jit: string; available: boolean }[]>`
      SELECT current_setting('jit') AS jit, pg_jit_available() AS available`;
    expect(row?.available ? row.jit : "off").toBe("off");
  });

  it("works in UTC, so times round-trip and SQL buckets them by UTC days", async () => {
    const instant = new Date("2026-11-25T23:30:00.000Z");
    const [row] = await db.$queryRaw<{ zone: string; back: Date; day: Date }[]>`
      SELECT current_setting('TimeZone') AS zone, ${instant}::timestamptz AS back,
        date_trunc('day', ${instant}::timestamptz) AS day`;
    expect(row?.zone).toBe("UTC");
    expect(row?.back.toISOString()).toBe("2026-11-25T23:30:00.000Z");
    expect(row?.day.toISOString()).toBe("2026-11-25T00:00:00.000Z");
  });
});
