// An exclusive lock on the embedded database's directory, held by the one process serving it.
// PGlite has no lock of its own: two processes opening one data directory would corrupt it.
//
// The lock file is created atomically with its content (written to a private file, then
// hard-linked into place), so it is never seen empty. A lock left by a dead process is taken
// over only while holding a second, short-lived "takeover" lock, so two processes that find the
// same stale lock cannot both take it.
import "server-only";
import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UserError } from "@/lib/errors";
import { isProcessAlive } from "@/lib/process";

export class DataDirLockedError extends UserError {}

export type DataDirLock = { path: string; release: () => void };

/** A takeover lock older than this was left by a process that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;

/** Locks this process holds: a lock file naming our own pid is ours only if it is in here. */
const held = new Set<string>();

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Creates `target` holding our pid, atomically; false when it already exists. */
function createWithPid(target: string): boolean {
  const scratch = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(scratch, `${process.pid}\n`);
  try {
    linkSync(scratch, target);
    return true;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(scratch, { force: true });
  }
}

/** The pid holding `lockPath`, or null when the lock is stale (its owner is gone). */
function liveOwner(lockPath: string): number | null {
  const owner = readOwner(lockPath);
  // Our own pid in a lock we do not hold was left by an earlier process that had the same pid
  // (common in containers, where the app is often pid 1).
  if (owner === null || (owner === process.pid && !held.has(lockPath))) return null;
  return isProcessAlive(owner) ? owner : null;
}

/** Replaces a stale lock with ours, under the takeover lock; false if someone else won. */
function takeOver(lockPath: string): boolean {
  const takeover = `${lockPath}.takeover`;
  if (!createWithPid(takeover)) {
    try {
      const age = Date.now() - statSync(takeover).mtimeMs;
      if (age > TAKEOVER_STALE_MS) rmSync(takeover, { force: true });
    } catch {
      // gone meanwhile
    }
    return false;
  }
  try {
    if (liveOwner(lockPath) !== null) return false; // someone took it before us
    rmSync(lockPath, { force: true });
    return createWithPid(lockPath);
  } finally {
    rmSync(takeover, { force: true });
  }
}

function lockedError(dir: string, owner: number): DataDirLockedError {
  return new DataDirLockedError(
    `Another Pipewatch (pid ${owner}) is already using the embedded database in ${dir}. Stop it first, or set PIPEWATCH_DATA_DIR to another directory.`,
  );
}

/**
 * Takes `<dir>/pipewatch.lock` for this process. A lock left by a process that no longer runs
 * (killed, machine rebooted) is taken over; a live owner makes this throw DataDirLockedError.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const lockPath = path.join(dir, "pipewatch.lock");
  for (let attempt = 0; attempt < 50; attempt++) {
    let acquired = createWithPid(lockPath);
    if (!acquired) {
      const owner = liveOwner(lockPath);
      if (owner !== null) throw lockedError(dir, owner);
      acquired = takeOver(lockPath);
    }
    if (acquired) {
      held.add(lockPath);
      return {
        path: lockPath,
        release: () => {
          if (!held.delete(lockPath)) return;
          if (readOwner(lockPath) === process.pid) rmSync(lockPath, { force: true });
        },
      };
    }
    const owner = liveOwner(lockPath);
    if (owner !== null) throw lockedError(dir, owner);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // brief pause, then retry
  }
  throw new DataDirLockedError(`Could not lock ${lockPath}; remove it if no Pipewatch is running.`);
}
