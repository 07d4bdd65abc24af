// Runs by created window against the simulator's busy repository (~3,000 runs, more than the
// 1,000-result cap of a filtered list) and a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { createGitHubClient, type Exchange, type GitHubClient } from "@/lib/github/client";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { saveRepositories } from "./repositories.ts";
import { createdRange, fetchRunsCreatedBetween, saveRuns } from "./runs.ts";
import { fetchWorkflows, saveWorkflows } from "./workflows.ts";

let database: TestDatabase;
let db: Db;
let sim: RunningSimulator;
let client: GitHubClient;
const exchanges: Exchange[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startTestSimulator("busy")]);
  db = createDb(database.url, { max: 2 });
  client = createGitHubClient({
    baseUrl: sim.url,
    token: "t",
    retryBaseMs: 10,
    onExchange: (e) => exchanges.push(e),
  });
  const { data } = await client.rest.repos.get({ owner: "acme", repo: "monorepo" });
  await saveRepositories(db, [data as never]);
  await saveWorkflows(
    db,
    data.id,
    await fetchWorkflows(client, { owner: "acme", name: "monorepo" }),
  );
});
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close()]);
});

describe("runs by created window", () => {
  it("writes GitHub's range syntax in whole seconds", () => {
    expect(
      createdRange(new Date("2026-11-01T10:00:00.500Z"), new Date("2026-11-02T00:00:00Z")),
    ).toBe("2026-11-01T10:00:00Z..2026-11-02T00:00:00Z");
  });

  it("gets every run of a window holding ~3,000 by splitting it under the cap, and stores them once", async () => {
    const repo = { owner: "acme", name: "monorepo" };
    const all = await fetchRunsCreatedBetween(
      client,
      repo,
      new Date(TEST_NOW - 31 * DAY),
      new Date(TEST_NOW),
    );
    const { data } = await client.rest.actions.listWorkflowRunsForRepo({
      owner: "acme",
      repo: "monorepo",
      per_page: 1,
    });
    expect(all).toHaveLength(data.total_count);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const repoId = data.workflow_runs[0]?.repository.id ?? 0;
    expect(await saveRuns(db, repoId, all)).toBe(all.length);
    expect(await saveRuns(db, repoId, all)).toBe(all.length);
    expect(await db.workflowRun.count()).toBe(all.length);
    expect(await db.runAttempt.count()).toBe(all.length);
    const sample = all[123];
    const stored = await db.workflowRun.findUnique({ where: { id: BigInt(sample?.id ?? 0) } });
    expect(stored).toMatchObject({
      conclusion: sample?.conclusion,
      headSha: sample?.head_sha,
      runNumber: sample?.run_number,
    });
    const lists = exchanges.filter(
      (e) => e.endpoint === "GET /repos/{owner}/{repo}/actions/runs",
    ).length;
    expect(lists).toBeLessThan(all.length / 100 + 20); // about one list request per 100 runs
  });
});
