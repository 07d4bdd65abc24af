// The embedded database's TCP server must keep concurrent clients apart: whole requests, and
// whole transactions, never interleaved. pglite-socket's own server fails the first test.
import { connect } from "node:net";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDatabase, type WireServer } from "./wire-server.ts";

let db: PGlite;
let server: WireServer;
let pool: pg.Pool;

beforeAll(async () => {
  db = await PGlite.create();
  server = await serveDatabase(db, { idleInTransactionMs: 500, maxConnections: 12 });
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

  it("ends a transaction left idle while others wait, and serves them", async () => {
    const stuck = new pg.Client({
      connectionString: `postgresql://postgres@127.0.0.1:${server.port}/postgres`,
    });
    const ended = new Promise<Error>((resolve) => stuck.on("error", resolve));
    await stuck.connect();
    await stuck.query("BEGIN");
    await stuck.query("INSERT INTO t (a, b) VALUES (1, 'stuck')");
    const started = Date.now();
    const count = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM t WHERE b = 'stuck'",
    );
    expect(count.rows[0]?.n).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect((await ended).message).toMatch(/idle-in-transaction timeout/);
  });

  it("closes a connection that sends a malformed message and keeps serving", async () => {
    const socket = connect(server.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.resume(); // read (and drop) what the server sends, so "close" can fire
    const closed = new Promise((resolve) => socket.once("close", resolve));
    const params = Buffer.from("user\0postgres\0database\0postgres\0\0");
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4); // protocol 3.0
    socket.write(Buffer.concat([startup, params]));
    socket.write(Buffer.from([0x51, 0xff, 0xff, 0xff, 0xff])); // 'Q' with length -1
    await closed;
    const result = await pool.query<{ ok: number }>("SELECT 1 AS ok");
    expect(result.rows[0]?.ok).toBe(1);
  });

  it("refuses clients beyond its connection limit with PostgreSQL's error", async () => {
    const extra = new pg.Pool({
      connectionString: `postgresql://postgres@127.0.0.1:${server.port}/postgres`,
      max: 20,
    });
    extra.on("error", () => undefined);
    const clients = await Promise.allSettled(Array.from({ length: 20 }, () => extra.connect()));
    const refused = clients.filter((c) => c.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/too many clients/);
    for (const client of clients) if (client.status === "fulfilled") client.value.release();
    await extra.end();
  });
});
