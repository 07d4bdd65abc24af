// The embedded database's TCP server must keep concurrent clients apart: whole requests, and
// whole transactions, never interleaved. pglite-socket's own server fails the first test.
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDatabase, type WireServer } from "./wire-server.ts";

let db: PGlite;
let server: WireServer;
let pool: pg.Pool;

beforeAll(async () => {
  db = await PGlite.create();
  server = await serveDatabase(db);
  pool = new pg.Pool({
    connectionString: `postgresql://postgres@127.0.0.1:${server.port}/postgres`,
    max: 10,
  });
  await pool.query("CREATE TABLE t (id serial PRIMARY KEY, a int, b text)");
});

afterAll(async () => {
  await pool?.end();
  await server?.stop();
  await db?.close();
});

describe("serveDatabase", () => {
  it("answers every query of a 10-connection pool with its own result, even with 300 KB parameters", async () => {
    const big = "y".repeat(300_000);
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        i % 2
          ? pool.query<{ a: number }>("INSERT INTO t (a, b) VALUES ($1, $2) RETURNING a", [i, big])
          : pool.query<{ a: number }>("SELECT $1::int AS a", [i]),
      ),
    );
    expect(results.map((result) => result.rows[0]?.a)).toEqual(
      Array.from({ length: 120 }, (_, i) => i),
    );
    const count = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM t WHERE b = $1", [
      big,
    ]);
    expect(count.rows[0]?.n).toBe(60);
  });

  it("isolates concurrent transactions: other connections wait, rollbacks undo", async () => {
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query("INSERT INTO t (a, b) VALUES ($1, 'tx')", [i]);
          const own = await client.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM t WHERE b = 'tx' AND a = $1",
            [i],
          );
          expect(own.rows[0]?.n).toBe(1);
          await new Promise((resolve) => setTimeout(resolve, 2));
          await client.query(i % 3 === 0 ? "ROLLBACK" : "COMMIT");
        } finally {
          client.release();
        }
      }),
    );
    const count = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM t WHERE b = 'tx'",
    );
    expect(count.rows[0]?.n).toBe(20);
  });

  it("rolls back the transaction of a client that disconnects mid-way, and serves the others", async () => {
    const client = new pg.Client({
      connectionString: `postgresql://postgres@127.0.0.1:${server.port}/postgres`,
    });
    client.on("error", () => undefined);
    await client.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO t (a, b) VALUES (1, 'dropped')");
    const waiting = pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM t WHERE b = 'dropped'",
    );
    (
      client as unknown as { connection: { stream: { destroy: () => void } } }
    ).connection.stream.destroy();
    expect((await waiting).rows[0]?.n).toBe(0);
    expect(db.isInTransaction()).toBe(false);
  });

  it("keeps serving after a client ends its session normally", async () => {
    const client = new pg.Client({
      connectionString: `postgresql://postgres@127.0.0.1:${server.port}/postgres`,
    });
    await client.connect();
    await client.query("SELECT 1");
    await client.end();
    const result = await pool.query<{ ok: number }>("SELECT 1 AS ok");
    expect(result.rows[0]?.ok).toBe(1);
  });
});
