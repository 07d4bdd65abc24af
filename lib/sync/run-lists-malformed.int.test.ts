// A run list with a malformed run in it (the simulator's runs:nulls fault spoils the first run
// of every answer): the other runs are stored, the malformed one is skipped with its reason
// logged, and the window is read again next pass instead of being marked unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { createGitHubClient, type GitHubClient } from "@/lib/github/client";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { DEFAULT_SYNC_OPTIONS, type SyncContext } from "./context.ts";
import { saveRepositories } from "./repositories.ts";
import { listRuns } from "./run-lists.ts";
import { DAY } from "./run-windows.ts";
import { fetchWorkflows, saveWorkflows } from "./workflows.ts";

let database: TestDatabase;
let db: Db;
let sim: RunningSimulator;
let client: GitHubClient;
let ctx: SyncContext;
const logged: string[] = [];
// Busy: every window holds runs (an empty list's answer would itself be spoilt).
const repo = { id: 0, owner: "acme", name: "monorepo", fullName: "acme/monorepo" };

beforeAll(async () => {
  [database, sim] = await Promise.all([
    createTestDatabase(),
    startTestSimulator("busy", { days: 3, faults: "runs:nulls=1" }),
  ]);
  db = createDb(database.url, { max: 2 });
  client = createGitHubClient({ baseUrl: sim.url, auth: { token: "t" }, retryBaseMs: 10 });
  const { data } = await client.rest.repos.get({ owner: "acme", repo: "monorepo" });
  repo.id = data.id;
  await saveRepositories(db, [data as never]);
  await saveWorkflows(db, data.id, await fetchWorkflows(client, repo));
  ctx = {
    db,
    client,
    options: DEFAULT_SYNC_OPTIONS,
    now: () => new Date(TEST_NOW),
    log: (line) => logged.push(line),
  };
});
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close()]);
});

describe("a run list with a malformed run", () => {
  it("stores the other runs, logs the skipped one, and reads the window again", async () => {
    const first = await listRuns(ctx, repo, TEST_NOW - 2 * DAY, TEST_NOW);
    const stored = await db.workflowRun.count();
    expect(stored).toBeGreaterThan(0);
    expect(first.runsStored).toBe(stored);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]).toMatch(/acme\/monorepo: skipped 1 malformed run\(s\).*id .*expected number/);
    const again = await listRuns(ctx, repo, TEST_NOW - 2 * DAY, TEST_NOW);
    expect(again.unchanged).toBe(0); // no window was marked complete
    expect(await db.workflowRun.count()).toBe(stored);
  });
});
