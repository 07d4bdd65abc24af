// Leases: one holder at a time, renewal, expiry, and the take-over of a lease whose holder
// died on this machine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import {
  acquireLease,
  isDeadLocalOwner,
  leaseOwnerName,
  releaseLease,
  renewLease,
  withLease,
} from "./leases.ts";

let database: TestDatabase;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url, { max: 8 });
});
afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

// Owners like this process's own (host:pid-namespace:pid:random), one of them not running.
const [HOST, NAMESPACE] = leaseOwnerName().split(":");
const DEAD = `${HOST}:${NAMESPACE}:999999999:x`; // far above any pid_max
const ALIVE = `${HOST}:${NAMESPACE}:${process.pid}:other`;

describe("leases", () => {
  it("are held by one owner at a time until released or expired", async () => {
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
        withLease(db, "d", `w${i}`, 60_000, async () => {
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
});
