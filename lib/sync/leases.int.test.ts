// Leases: one holder at a time, renewal, expiry, and the take-over of a lease whose holder
// died on this machine.
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import {
  acquireLease,
  isDeadLocalOwner,
  leaseOwnerName,
  releaseLease,
  renewLease,
  withLease,
} from "./leases.ts";

const database = setUpTestDatabase({ max: 8 });

// Owners like this process's own (host:pid-namespace:pid:random), one of them not running.
const [HOST, NAMESPACE] = leaseOwnerName().split(":");
const DEAD = `${HOST}:${NAMESPACE}:999999999:x`; // far above any pid_max
const ALIVE = `${HOST}:${NAMESPACE}:${process.pid}:other`;

describe("leases", () => {
  it("are held by one owner at a time until released or expired", async () => {
    const { db } = database;
    expect(await acquireLease(db, "a", "w1", 60_000)).toBe(true);
    expect(await acquireLease(db, "a", "w2", 60_000)).toBe(false);
    expect(await acquireLease(db, "a", "w1", 60_000)).toBe(true); // re-entrant for its owner
    expect(await renewLease(db, "a", "w2", 60_000)).toBe(false);
    await releaseLease(db, "a", "w1");
    expect(await acquireLease(db, "a", "w2", 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(await acquireLease(db, "a", "w3", 60_000)).toBe(true); // expired
    expect(await renewLease(db, "a", "w2", 60_000)).toBe(false); // lost
  });

  it("is taken over at once from a holder of this machine that died, not from a live one", async () => {
    const { db } = database;
    expect(isDeadLocalOwner(DEAD)).toBe(true);
    expect(isDeadLocalOwner(ALIVE)).toBe(false);
    expect(isDeadLocalOwner("another-host:1:999999999:x")).toBe(false);
    expect(isDeadLocalOwner(`${HOST}:another-namespace:999999999:x`)).toBe(false);
    expect(await acquireLease(db, "b", DEAD, 60_000)).toBe(true);
    expect(await acquireLease(db, "b", "w1", 60_000)).toBe(true);
    expect(await acquireLease(db, "c", ALIVE, 60_000)).toBe(true);
    expect(await acquireLease(db, "c", "w1", 60_000)).toBe(false);
  });

  it("let concurrent contenders through one at a time", async () => {
    let inside = 0;
    let most = 0;
    let ran = 0;
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withLease(database.db, "d", `w${i}`, 60_000, async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 30));
          inside--;
          ran++;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(ran).toBeGreaterThanOrEqual(1);
  });

  it("expire on time after the database's clock moved back", async () => {
    const { db } = database;
    expect(await acquireLease(db, "jump", "remote-worker", 60_000)).toBe(true);
    // The holder (on another machine) dies; the clock then moves back 6 hours: its expiry
    // now lies 6 hours further ahead than it could have set.
    await db.$executeRaw`UPDATE leases SET expires_at = now() + interval '6 hours' WHERE name = 'jump'`;
    expect(await acquireLease(db, "jump", "w2", 50)).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(await acquireLease(db, "jump", "w2", 50)).toBe(true);
    await releaseLease(db, "jump", "w2");
  });
});
