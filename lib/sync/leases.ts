// Named, expiring leases in the `leases` table: a repository is synced by one worker at a time,
// however many run against the database. A single INSERT ... ON CONFLICT takes a lease only
// when it is free, expired or already ours, which is atomic on PostgreSQL and on the embedded
// database alike (where advisory locks would not exclude: all its clients share one session).
import "server-only";
import type { Db } from "@/lib/db/client";

/** Takes the lease `name` for `ttlMs` if nobody else holds it; true when taken. */
export async function acquireLease(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const rows = await db.$queryRaw<{ owner: string }[]>`
    INSERT INTO leases (name, owner, expires_at, acquired_at)
    VALUES (${name}, ${owner}, now() + ${ttlMs} * interval '1 millisecond', now())
    ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at,
      acquired_at = CASE WHEN leases.owner = EXCLUDED.owner THEN leases.acquired_at ELSE now() END
     WHERE leases.owner = EXCLUDED.owner OR leases.expires_at < now()
    RETURNING owner`;
  return rows.length === 1;
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
