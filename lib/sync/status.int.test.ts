// /api/health's sync section: a repository failing for three poll intervals degrades it; one
// still backfilling without errors does not.
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { getSyncStatus } from "./status.ts";

const database = setUpTestDatabase();
const MINUTE = 60_000;
const now = new Date("2026-11-26T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

beforeAll(async () => {
  const repo = (id: number, name: string) => ({
    id: BigInt(id),
    owner: "acme",
    name,
    fullName: `acme/${name}`,
    defaultBranch: "main",
    htmlUrl: `https://github.com/acme/${name}`,
    firstSeenAt: ago(60 * MINUTE),
  });
  await database.db.repository.createMany({
    data: [repo(1, "fine"), repo(2, "broken"), repo(3, "first"), repo(4, "blip")],
  });
  await database.db.syncState.createMany({
    data: [
      {
        repoId: 1n,
        lastAttemptAt: ago(MINUTE),
        lastSuccessAt: ago(MINUTE),
        backfillDoneAt: ago(50 * MINUTE),
      },
      {
        repoId: 2n,
        lastAttemptAt: ago(MINUTE),
        lastSuccessAt: ago(4 * MINUTE),
        consecutiveFailures: 3,
        lastError: "GitHub rejected the token (401 Bad credentials)",
        backfillDoneAt: ago(50 * MINUTE),
      },
      { repoId: 3n, lastAttemptAt: ago(30 * MINUTE), runsExpected: 500, runsSynced: 120 },
      {
        repoId: 4n,
        lastAttemptAt: ago(MINUTE),
        lastSuccessAt: ago(2 * MINUTE),
        consecutiveFailures: 1,
        lastError: "GitHub request failed: no answer within 30000 ms",
        backfillDoneAt: ago(50 * MINUTE),
      },
    ],
  });
});

describe("getSyncStatus", () => {
  it("is degraded by a repository that has not synced for three poll intervals", async () => {
    const status = await getSyncStatus(database.db, MINUTE, now);
    expect(status.degraded).toBe(true);
    expect(Object.fromEntries(status.repositories.map((r) => [r.repo, r.state]))).toEqual({
      "acme/blip": "ok",
      "acme/broken": "failing",
      "acme/fine": "ok",
      "acme/first": "backfilling",
    });
    const broken = status.repositories.find((r) => r.repo === "acme/broken");
    expect(broken?.lastError).toMatch(/401/);
    const first = status.repositories.find((r) => r.repo === "acme/first");
    expect(first?.backfill).toEqual({ runsExpected: 500, runsSynced: 120, done: false });
  });

  it("is not degraded when every failure is younger than three intervals", async () => {
    const status = await getSyncStatus(database.db, 10 * MINUTE, now);
    expect(status.degraded).toBe(false);
  });
});
