// Serves one PGlite database to many PostgreSQL clients over TCP.
//
// PGlite is a single backend session. @electric-sql/pglite-socket multiplexes connections onto
// it one protocol *message* at a time, so another connection's messages can land between a
// client's Parse and its Bind, and rows go to the wrong query (we reproduced it with 300 KB
// parameters on a 10-connection pool). This server forwards whole requests instead: every
// message up to and including a Sync, Query, Flush, CopyDone/CopyFail or Terminate, as one
// exclusive unit. While the session is inside a transaction, or inside an extended-query
// sequence that a Flush left open until its Sync, only the connection that opened it is served;
// when that connection drops, or sits idle in its transaction while others wait for more than
// IDLE_IN_TRANSACTION_MS, it is closed and its transaction rolled back.
import "server-only";
import { createServer, type Server } from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import {
  Connection,
  errorResponse,
  IDLE_IN_TRANSACTION_MS,
  ProtocolError,
  type Request,
  SSL_REQUEST,
} from "./wire-connection.ts";

export { IDLE_IN_TRANSACTION_MS };

export type WireServer = { port: number; connections: () => number; stop: () => Promise<void> };

/** Serves `db` on host:port (port 0 picks a free one). */
export async function serveDatabase(
  db: PGlite,
  options: {
    host?: string;
    port?: number;
    maxConnections?: number;
    idleInTransactionMs?: number;
    /** Required from every client when set (a random one keeps other local users out). */
    password?: string;
  } = {},
): Promise<WireServer> {
  const queue: Request[] = [];
  const connections = new Set<Connection>();
  let owner: Connection | null = null; // holder of the open transaction, if any
  let running = false;
  let nextId = 1;

  async function run(request: Request): Promise<void> {
    const { connection, bytes } = request;
    if (bytes.length === 0 || connection.closed) return;
    await db.runExclusive(() =>
      db.execProtocolRawStream(bytes, {
        onRawData: (data) => {
          if (!connection.closed && connection.socket.writable) connection.socket.write(data);
        },
      }),
    );
    connection.awaitingSync = request.flush;
    owner =
      !connection.closed && (db.isInTransaction() || connection.awaitingSync) ? connection : null;
  }

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const index = owner ? queue.findIndex((r) => r.connection === owner) : 0;
        if (index < 0 || queue.length === 0) return;
        const [request] = queue.splice(index, 1);
        if (!request) return;
        try {
          await run(request);
        } catch {
          request.connection.socket.destroy();
        } finally {
          request.done();
        }
      }
    } finally {
      running = false;
    }
  }

  function submit(connection: Connection, bytes: Uint8Array, flush: boolean): Promise<void> {
    return new Promise((resolve) => {
      queue.push({ connection, bytes, flush, done: resolve });
      void drain();
    });
  }

  async function release(connection: Connection): Promise<void> {
    if (connection.closed) return;
    connection.closed = true;
    connections.delete(connection);
    for (let i = queue.length - 1; i >= 0; i--) {
      const request = queue[i];
      if (request?.connection === connection) {
        queue.splice(i, 1);
        request.done();
      }
    }
    if (owner === connection) {
      owner = null;
      // exec() takes PGlite's exclusive lock itself.
      if (db.isInTransaction()) await db.exec("ROLLBACK");
    }
    void drain();
  }

  /** Ends the connection with a PostgreSQL error the client can report. */
  function refuse(connection: Connection, code: string, message: string): void {
    if (connection.socket.writable) connection.socket.write(errorResponse(code, message));
    connection.socket.destroy();
  }

  // A transaction left idle while others wait is ended (see IDLE_IN_TRANSACTION_MS).
  const idleTimeoutMs = options.idleInTransactionMs ?? IDLE_IN_TRANSACTION_MS;
  const watchdog = setInterval(
    () => {
      const stuck = owner;
      if (!stuck || running || queue.length === 0) return;
      if (Date.now() - stuck.lastActivity > idleTimeoutMs) {
        refuse(stuck, "25P03", "terminating connection due to idle-in-transaction timeout");
      }
    },
    Math.min(1_000, idleTimeoutMs),
  );
  watchdog.unref();

  const maxConnections = options.maxConnections ?? 32;
  const server: Server = createServer((socket) => {
    if (connections.size >= maxConnections) {
      // Like PostgreSQL, answer the startup packet (after declining SSL) with the error.
      const refuseStartup = (chunk: Buffer) => {
        if (chunk.length >= 8 && chunk.readInt32BE(4) === SSL_REQUEST) {
          socket.write("N");
          socket.once("data", refuseStartup);
        } else socket.end(errorResponse("53300", "sorry, too many clients already"));
      };
      socket.once("data", refuseStartup);
      socket.on("error", () => socket.destroy());
      return;
    }
    socket.setNoDelay(true);
    const connection = new Connection(nextId++, socket, options.password, submit);
    connections.add(connection);
    // Chunks are handled strictly in order: a request never overtakes an earlier one.
    let pending = Promise.resolve();
    socket.on("data", (chunk: Buffer) => {
      pending = pending
        .then(() => connection.receive(chunk))
        .catch((error: unknown) => {
          if (error instanceof ProtocolError) refuse(connection, error.code, error.message);
          else socket.destroy();
        });
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => {
      release(connection).catch(() => undefined); // a failed ROLLBACK leaves nothing to undo
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;

  return {
    port,
    connections: () => connections.size,
    stop: async () => {
      clearInterval(watchdog);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.socket.destroy();
      await Promise.all([...connections].map((connection) => release(connection)));
      await closed;
    },
  };
}
