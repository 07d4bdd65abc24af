// Whether a process is still running, for the data-directory lock and the supervised server.

/** True while `pid` runs; a process of another user (EPERM) counts as running. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
