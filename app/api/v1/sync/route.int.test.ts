// GET /api/v1/sync against a real database: getSyncStatus's states with the runs stored, the
// backfill progress (0–1) and the API budget; untracked repositories listed as such; no
// secret in the answer; unknown parameters answered 400 naming them.
import { describe, expect, it } from "vitest";
import { setUpRoute } from "@/lib/api/route-testing";
import type { Db } from "@/lib/db/client";
import { seedRepo, seedRun, seedWorkflow } from "@/lib/metrics/testing";
import type { RepoSyncReport } from "@/lib/sync/sync-report";

const ids = { fine: 0, first: 0, broken: 0, untracked: 0 };
const TOKEN = "ghp_pipewatchTestSecret0123456789";
const MINUTE = 60_000;
// getSyncStatus judges from the real now (the default poll interval is 60 s).
const ago = (ms: number) => new Date(Date.now() - ms);

async function seed(db: Db) {
  ids.fine = await seedRepo(db);
  ids.first = await seedRepo(db);
  ids.broken = await seedRepo(db);
  ids.untracked = await seedRepo(db, { tracked: false });
  await db.repository.updateMany({ data: { firstSeenAt: ago(600 * MINUTE) } });
  const wf = await seedWorkflow(db, ids.fine);
  for (const created of [-300, -200, -100])
    await seedRun(db, ids.fine, wf, { created, conclusion: "success" });
  const old = await seedWorkflow(db, ids.untracked);
  await seedRun(db, ids.untracked, old, { created: -100, conclusion: "success" });
  await db.syncState.createMany({
    data: [
      {
        repoId: BigInt(ids.fine),
        lastAttemptAt: ago(MINUTE),
        lastSuccessAt: ago(MINUTE),
        backfillFrom: ago(30 * 1440 * MINUTE),
        backfillDoneAt: ago(500 * MINUTE),
        runsExpected: 40,
        runsSynced: 10,
        requestsSpent: 1234n,
        rateLimitRemaining: 4321,
        rateLimitResetAt: new Date(Date.now() + 30 * MINUTE),
      },
      {
        repoId: BigInt(ids.first),
        lastAttemptAt: ago(2 * MINUTE),
        runsExpected: 200,
        runsSynced: 50,
        rateLimitRemaining: 12,
        rateLimitResetAt: ago(5 * MINUTE),
      },
      {
        repoId: BigInt(ids.broken),
        lastAttemptAt: ago(MINUTE),
        lastSuccessAt: ago(400 * MINUTE),
        lastErrorAt: ago(MINUTE),
        lastError: "GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN",
        consecutiveFailures: 7,
        backfillDoneAt: ago(500 * MINUTE),
      },
      { repoId: BigInt(ids.untracked), lastSuccessAt: ago(9000 * MINUTE), runsSynced: 3 },
    ],
  });
}

const route = setUpRoute("/api/v1/sync", () => import("@/app/api/v1/sync/route"), {
  seed,
  env: { GITHUB_TOKEN: TOKEN },
});

async function get(query: string) {
  const response = await route.request(query);
  return { status: response.status, text: await response.text() };
}

describe("GET /api/v1/sync", () => {
  it("reports each repository's state, progress, runs stored and API budget", async () => {
    const { status, text } = await get("");
    expect(status).toBe(200);
    const body = JSON.parse(text) as { degraded: boolean; repositories: RepoSyncReport[] };
    expect(body.degraded).toBe(true);
    const byRepo = new Map(body.repositories.map((r) => [r.repo, r]));
    const repo = (id: number) => byRepo.get(`acme/r${id}`);
    expect(body.repositories.map((r) => r.repo).at(-1)).toBe(`acme/r${ids.untracked}`);
    expect(repo(ids.fine)).toMatchObject({
      tracked: true,
      state: "ok",
      lastError: null,
      runsStored: 3,
      backfill: { progress: 1, runsExpected: 40, runsSynced: 10 },
      api: { requestsSpent: 1234, remaining: 4321 },
    });
    expect(repo(ids.fine)?.backfill.doneAt).not.toBeNull();
    expect(repo(ids.first)).toMatchObject({
      state: "backfilling",
      runsStored: 0,
      backfill: { progress: 0.25, doneAt: null },
      // GitHub's figure is from before its reset: unknown now.
      api: { remaining: null },
    });
    expect(repo(ids.broken)).toMatchObject({
      state: "failing",
      consecutiveFailures: 7,
      lastError: expect.stringMatching(/^GitHub rejected the token \(401/),
    });
    expect(repo(ids.untracked)).toMatchObject({
      tracked: false,
      state: "untracked",
      runsStored: 1,
      backfill: { progress: 0 },
    });
  });

  it("never answers with a secret", async () => {
    const { text } = await get("");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(route.databaseUrl);
    expect(text).not.toMatch(/postgres(ql)?:\/\//);
  });

  it.each([
    ["?repo=acme/r1", "repo"],
    ["?verbose=1", "verbose"],
  ])("answers %s with 400 naming %s", async (query, parameter) => {
    const { status, text } = await get(query);
    expect(status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ error: { parameter } });
  });
});
