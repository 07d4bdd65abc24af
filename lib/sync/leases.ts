// Named, expiring leases in the `leases` table: a repository is synced by one worker at a time,
// however many run against the database. A single INSERT ... ON CONFLICT takes a lease only
// when it is free, expired or already ours, which is atomic on PostgreSQL and on the embedded
// database alike (where advisory locks would not exclude: all its clients share one session).
import "server-only";
import { readlinkSync } from "node:fs";
import { hostname } from "node:os";
import type { Db } from "@/lib/db/client";
import { isProcessAlive } from "@/lib/process";

/** This process's PID namespace (containers sharing a host name have different ones). */
function pidNamespace(): string {
  try {
    return /\[(\d+)\]/.exec(readlinkSync("/proc/self/ns/pid"))?.[1] ?? "-";
  } catch {
    return "-";
  }
}

/**
 * The owner name of this process's leases, `host:pid-namespace:pid:random`, so that a lease
 * left by a process that died on this machine (in this PID namespace) is taken over at once
 * instead of after it expires.
 */
export function leaseOwnerName(): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `${hostname()}:${pidNamespace()}:${process.pid}:${random}`;
}

/** Whether `owner` names a process of this machine and PID namespace that is not running. */
export function isDeadLocalOwner(owner: string): boolean {
  const [host, namespace, pid] = owner.split(":");
  return (
    host === hostname() &&
    namespace === pidNamespace() &&
    /^\d+$/.test(pid ?? "") &&
    !isProcessAlive(Number(pid))
  );
}

async function tryAcquire(db: Db, name: string, owner: string, ttlMs: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ owner: string }[]>`
    INSERT INTO leases (name, owner, expires_at, acquired_at)
    VALUES (${name}, ${owner}, now() + ${ttlMs} * interval '1 millisecond', now())
    ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at,
      acquired_at = CASE WHEN leases.owner = EXCLUDED.owner THEN leases.acquired_at ELSE now() END
     WHERE leases.owner = EXCLUDED.owner OR leases.expires_at < now()
    RETURNING owner`;
  return rows.length === 1;
}

/** Takes the lease `name` for `ttlMs` if nobody else holds it; true when taken. */
export async function acquireLease(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  if (await tryAcquire(db, name, owner, ttlMs)) return true;
  // No holder sets an expiry further ahead than its time to live: one that is was written
  // before the database's clock moved back, and would keep a dead holder's lease for as long
  // as the clock jumped. It is brought back to a time to live from now (a live holder's next
  // renewal does the same), so a dead holder's lease expires on time.
  await db.$executeRaw`
    UPDATE leases SET expires_at = now() + ${ttlMs} * interval '1 millisecond'
     WHERE name = ${name} AND expires_at > now() + ${ttlMs} * interval '1 millisecond'`;
  const holder = await db.lease.findUnique({ where: { name } });
  if (!holder || !isDeadLocalOwner(holder.owner)) return false;
  // Its holder died on this machine: take it over, if that holder still has it.
  const taken = await db.$executeRaw`
    UPDATE leases SET owner = ${owner}, expires_at = now() + ${ttlMs} * interval '1 millisecond',
      acquired_at = now()
     WHERE name = ${name} AND owner = ${holder.owner}`;
  return taken === 1;
}

/** Extends a lease we hold; false when it was lost (expired and taken by another). */
export async function renewLease(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE leases SET expires_at = now() + ${ttlMs} * interval '1 millisecond'
     WHERE name = ${name} AND owner = ${owner}`;
  return count === 1;
}

export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.$executeRaw`DELETE FROM leases WHERE name = ${name} AND owner = ${owner}`;
}

/**
 * Runs `work` holding the lease, renewing it every third of its time; returns null without
 * running it when the lease is held by another. `work` gets a signal that aborts if the
 * lease is lost.
 */
export async function withLease<T>(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<{ value: T } | null> {
  if (!(await acquireLease(db, name, owner, ttlMs))) return null;
  const lost = new AbortController();
  const timer = setInterval(() => {
    renewLease(db, name, owner, ttlMs)
      .then((held) => {
        if (!held) lost.abort(new Error(`lost the lease ${name}`));
      })
      .catch(() => undefined);
  }, ttlMs / 3);
  try {
    return { value: await work(lost.signal) };
  } finally {
    clearInterval(timer);
    await releaseLease(db, name, owner).catch(() => undefined);
  }
}
