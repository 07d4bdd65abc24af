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
import { timingSafeEqual } from "node:crypto";
import { createServer, type Server, type Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** Message types that end a request: Sync, simple Query, Flush, CopyDone, CopyFail, Terminate. */
const REQUEST_END = new Set(["S", "Q", "H", "c", "f", "X"].map((type) => type.charCodeAt(0)));
const TERMINATE = "X".charCodeAt(0);
const FLUSH = "H".charCodeAt(0);
/** Longest message accepted from a client (PostgreSQL's own limit is 1 GB; we need far less). */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A transaction idle this long while other connections wait is ended, as PostgreSQL's
 *  idle_in_transaction_session_timeout would: one stuck client must not freeze the app. */
export const IDLE_IN_TRANSACTION_MS = 30_000;

/** A PostgreSQL ErrorResponse message. */
function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

class ProtocolError extends Error {
  constructor(
    message: string,
    readonly code = "08P01",
  ) {
    super(message);
  }
}

/** AuthenticationCleartextPassword: loopback only, so the password needs no hashing in transit. */
const AUTH_CLEARTEXT_PASSWORD = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
const PASSWORD_MESSAGE = "p".charCodeAt(0);

type Request = { connection: Connection; bytes: Uint8Array; flush: boolean; done: () => void };

class Connection {
  private buffer = Buffer.alloc(0);
  private started = false;
  /** The startup packet, held back until the client has given the password. */
  private startup: Buffer | undefined;
  closed = false;
  /** A Flush left an extended-query sequence open: it stays ours until the Sync. */
  awaitingSync = false;
  lastActivity = Date.now();

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly password: string | undefined,
    private readonly submit: (
      connection: Connection,
      bytes: Uint8Array,
      flush: boolean,
    ) => Promise<void>,
  ) {}

  /** Splits what arrived into whole requests and submits them in order. */
  async receive(chunk: Buffer): Promise<void> {
    this.lastActivity = Date.now();
    this.buffer = Buffer.concat([this.buffer, chunk]);
    if (!this.started && !this.takeStartup()) return;
    let end = 0;
    let offset = 0;
    let terminate = false;
    let lastType = 0;
    while (offset + 5 <= this.buffer.length) {
      const type = this.buffer[offset] ?? 0;
      const length = this.buffer.readInt32BE(offset + 1);
      if (length < 4 || length > MAX_MESSAGE_BYTES)
        throw new ProtocolError(`bad message length ${length}`);
      if (offset + 1 + length > this.buffer.length) break;
      if (REQUEST_END.has(type)) {
        lastType = type;
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
    if (request.length > 0) await this.submit(this, request, lastType === FLUSH);
    if (terminate) this.socket.end();
  }

  /** Handles SSL/GSS/cancel requests and forwards the startup packet; false until it is whole. */
  private takeStartup(): boolean {
    while (!this.started) {
      if (this.startup) return this.takePassword();
      if (this.buffer.length < 8) return false;
      const length = this.buffer.readInt32BE(0);
      if (length < 8 || length > 10_000) throw new ProtocolError(`bad startup length ${length}`);
      if (this.buffer.length < length) return false;
      const code = this.buffer.readInt32BE(4);
      const packet = this.buffer.subarray(0, length);
      this.buffer = this.buffer.subarray(length);
      if (code === SSL_REQUEST || code === GSS_REQUEST) {
        this.socket.write("N");
      } else if (code === CANCEL_REQUEST) {
        this.socket.end(); // PGlite cannot cancel a running query.
        return false;
      } else if (this.password !== undefined) {
        this.startup = Buffer.from(packet);
        this.socket.write(AUTH_CLEARTEXT_PASSWORD);
      } else {
        this.started = true;
        void this.submit(this, packet, false);
      }
    }
    return true;
  }

  /** Checks the PasswordMessage that answers our request, then forwards the startup packet. */
  private takePassword(): boolean {
    if (this.buffer.length < 5) return false;
    const length = this.buffer.readInt32BE(1);
    if (this.buffer[0] !== PASSWORD_MESSAGE || length < 5 || length > 1_000) {
      throw new ProtocolError("expected a password message");
    }
    if (this.buffer.length < 1 + length) return false;
    const given = this.buffer.subarray(5, length); // without the terminating NUL
    this.buffer = this.buffer.subarray(1 + length);
    const expected = Buffer.from(this.password ?? "", "utf8");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ProtocolError("password authentication failed", "28P01");
    }
    const startup = this.startup ?? Buffer.alloc(0);
    this.startup = undefined;
    this.started = true;
    void this.submit(this, startup, false);
    return true;
  }
}

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
