// The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) keeping its files in
// $PIPEWATCH_DATA_DIR/db, served on a free loopback port so that every part of Pipewatch talks
// to it exactly as to a real PostgreSQL, through node-postgres and @prisma/adapter-pg.
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { UserError } from "@/lib/errors";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import { serveDatabase } from "./wire-server.ts";

export type EmbeddedDatabase = { url: string; dir: string; stop: () => Promise<void> };

function urlFor(port: number, password: string): string {
  return `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
}

/** A fresh password per start: only processes we hand the URL to can connect. */
const newPassword = () => randomBytes(18).toString("base64url");

/** Thrown when the disk holding the embedded database has no space left to open it. */
export class DiskFullError extends UserError {
  constructor(dataDir: string) {
    super(
      `The disk holding the embedded database (${path.resolve(dataDir)}, PIPEWATCH_DATA_DIR) is full: free some space and start Pipewatch again. Nothing was lost: what was stored before is still there.`,
    );
  }
}

function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ENOSPC" || /no space left on device/i.test(String(error));
}

/**
 * Opens the embedded database in `<dataDir>/db` (created on first use) and serves it on
 * 127.0.0.1. Throws DataDirLockedError when another process already serves this directory,
 * DiskFullError when its disk is full.
 */
export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  try {
    return await openEmbeddedDatabase(dataDir);
  } catch (error: unknown) {
    throw isDiskFull(error) ? new DiskFullError(dataDir) : error;
  }
}

async function openEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  const dir = path.resolve(dataDir, "db");
  try {
    const db = await PGlite.create({ dataDir: dir });
    const password = newPassword();
    const server = await serveDatabase(db, { password });
    let stopped = false;
    return {
      url: urlFor(server.port, password),
      dir,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          await server.stop();
          await db.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error: unknown) {
    lock.release();
    throw error;
  }
}

/** A throw-away in-memory database, for tests. */
export async function startMemoryDatabase(): Promise<Omit<EmbeddedDatabase, "dir">> {
  const db = await PGlite.create();
  const password = newPassword();
  const server = await serveDatabase(db, { password });
  return {
    url: urlFor(server.port, password),
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
