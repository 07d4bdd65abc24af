// An exclusive lock on the embedded database's directory, held by the one process serving it.
// PGlite has no lock of its own: two processes opening one data directory would corrupt it.
import "server-only";
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import { UserError } from "@/lib/errors";

export class DataDirLockedError extends UserError {}

export type DataDirLock = { path: string; release: () => void };

/** Locks this process holds: a lock file naming our own pid is ours only if it is in here. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes `<dir>/pipewatch.lock` for this process. A lock left by a process that no longer runs
 * (killed, machine rebooted) is taken over; a live owner makes this throw DataDirLockedError.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const lockPath = path.join(dir, "pipewatch.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      held.add(lockPath);
      return {
        path: lockPath,
        release: () => {
          if (!held.delete(lockPath)) return;
          if (readOwner(lockPath) === process.pid) rmSync(lockPath, { force: true });
        },
      };
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(lockPath);
      // Our own pid in a lock we do not hold was left by an earlier process that had the same
      // pid (common in containers, where the app is often pid 1).
      const ours = owner === process.pid && !held.has(lockPath);
      if (owner !== null && !ours && isAlive(owner)) {
        throw new DataDirLockedError(
          `Another Pipewatch (pid ${owner}) is already using the embedded database in ${dir}. Stop it first, or set PIPEWATCH_DATA_DIR to another directory.`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock ${lockPath}; remove it if no Pipewatch is running.`);
}
