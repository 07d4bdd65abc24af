// One client connection of the embedded database's wire server: splits what the client sends
// into whole requests (see wire-server.ts), handles SSL/GSS/cancel requests and the password.
import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { Socket } from "node:net";

export const SSL_REQUEST = 80877103;
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
export function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, "utf8");
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([header, fields]);
}

export class ProtocolError extends Error {
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

export type Request = {
  connection: Connection;
  bytes: Uint8Array;
  flush: boolean;
  done: () => void;
};

export class Connection {
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
