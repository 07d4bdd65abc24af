// CPU time spent by the PostgreSQL backends serving the bench database, read from /proc (the
// server runs on this machine): on a shared machine, wall-clock latency moves with everyone
// else's load, the work a request costs the database does not. Backends that come or go between
// two samples, and parallel workers (which live for one query), are not counted; null when
// /proc cannot be read (a remote server).
import { readFile } from "node:fs/promises";
import type pg from "pg";

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

async function processCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at field 3, "state".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** CPU milliseconds used so far by each backend (pid) connected to `database`. */
export type CpuSample = Map<number, number>;

/** A sampler of the backends connected to `database`; null when /proc cannot be read. */
export function backendCpu(client: pg.Client, database: string): () => Promise<CpuSample | null> {
  return async () => {
    const { rows } = await client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database],
    );
    try {
      const times = await Promise.all(rows.map((row) => processCpuMs(row.pid)));
      return new Map(rows.map((row, i) => [row.pid, times[i] ?? 0]));
    } catch (error: unknown) {
      if (error instanceof Error && "code" in error) return null;
      throw error;
    }
  };
}

/** The CPU milliseconds spent between two samples by the backends present in both. */
export function cpuBetween(before: CpuSample | null, after: CpuSample | null): number | null {
  if (!before || !after) return null;
  let spent = 0;
  for (const [pid, ms] of after) {
    const earlier = before.get(pid);
    if (earlier !== undefined) spent += ms - earlier;
  }
  return spent;
}
