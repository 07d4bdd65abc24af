// Serves one PGlite database to many PostgreSQL clients over TCP.
//
// PGlite is a single backend session. @electric-sql/pglite-socket multiplexes connections onto
// it one protocol *message* at a time, so another connection's messages can land between a
// client's Parse and its Bind, and rows go to the wrong query (we reproduced it with 300 KB
// parameters on a 10-connection pool). This server forwards whole requests instead: every
// message up to and including a Sync, Query, Flush or Terminate, as one exclusive unit. While
// the session is inside a transaction, only the connection that opened it is served; when that
// connection drops, its transaction is rolled back.
import "server-only";
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Message types that end a request: Sync, simple Query, Flush, Terminate. */
const REQUEST_END = new Set(["S", "Q", "H", "X"].map((type) => type.charCodeAt(0)));
const TERMINATE = "X".charCodeAt(0);

type Request = { connection: Connection; bytes: Uint8Array; done: () => void };

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  closed = false;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly submit: (connection: Connection, bytes: Uint8Array) => Promise<void>,
  ) {}

  /** Splits what arrived into whole requests and submits them in order. */
  async receive(chunk: Buffer): Promise<void> {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.started && !this.takeStartup()) return;
    let end = 0;
    let offset = 0;
    let terminate = false;
    while (offset + 5 <= this.buffer.length) {
      const type = this.buffer[offset] ?? 0;
      const length = this.buffer.readInt32BE(offset + 1);
      if (offset + 1 + length > this.buffer.length) break;
      if (REQUEST_END.has(type)) {
        // Terminate is not forwarded: it would end PGlite's session, which every client shares.
        terminate = type === TERMINATE;
        end = terminate ? offset : offset + 1 + length;
        if (terminate) break;
      }
      offset += 1 + length;
    }
    if (end === 0 && !terminate) return;
    const request = this.buffer.subarray(0, end);
    this.buffer = this.buffer.subarray(terminate ? this.buffer.length : end);
    if (request.length > 0) await this.submit(this, request);
    if (terminate) this.socket.end();
  }

  /** Handles SSL/GSS/cancel requests and forwards the startup packet; false until it is whole. */
  private takeStartup(): boolean {
    while (!this.started) {
      if (this.buffer.length < 8) return false;
      const length = this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return false;
      const code = this.buffer.readInt32BE(4);
      const packet = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (code === SSL_REQUEST || code === GSS_REQUEST) {
        this.socket.write("N");
      } else if (code === CANCEL_REQUEST) {
        this.socket.end(); // PGlite cannot cancel a running query.
        return false;
      } else {
        this.started = true;
        void this.submit(this, packet);
      }
    }
    return true;
  }
}

export type WireServer = { port: number; connections: () => number; stop: () => Promise<void> };

/** Serves `db` on host:port (port 0 picks a free one). */
export async function serveDatabase(
  db: PGlite,
  options: { host?: string; port?: number; maxConnections?: number } = {},
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
    owner = db.isInTransaction() ? connection : null;
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

  function submit(connection: Connection, bytes: Uint8Array): Promise<void> {
    return new Promise((resolve) => {
      queue.push({ connection, bytes, done: resolve });
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

  const maxConnections = options.maxConnections ?? 32;
  const server: Server = createServer((socket) => {
    if (connections.size >= maxConnections) {
      socket.end();
      return;
    }
    socket.setNoDelay(true);
    const connection = new Connection(nextId++, socket, submit);
    connections.add(connection);
    // Chunks are handled strictly in order: a request never overtakes an earlier one.
    let pending = Promise.resolve();
    socket.on("data", (chunk: Buffer) => {
      pending = pending
        .then(() => connection.receive(chunk))
        .catch(() => {
          socket.destroy();
        });
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => void release(connection));
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
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) connection.socket.destroy();
      await Promise.all([...connections].map((connection) => release(connection)));
      await closed;
    },
  };
}
