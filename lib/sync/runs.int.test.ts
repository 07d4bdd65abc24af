// Run lists by created window against the simulator's busy repository (~3,000 runs in 30 days,
// far more than a page a day) and a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { Exchange, GitHubClient } from "@/lib/github/client";
import { TEST_NOW } from "@/lib/simulator/testing/start";
import type { SyncContext, SyncRepo } from "./context.ts";
import { listRuns } from "./run-lists.ts";
import { type RunListBench, startRunListBench } from "./run-lists-testing.ts";
import { DAY } from "./run-windows.ts";
import { saveRuns } from "./runs.ts";

let bench: RunListBench | undefined;
let db: Db;
let client: GitHubClient;
let ctx: SyncContext;
let repo: SyncRepo;
const exchanges: Exchange[] = [];

beforeAll(async () => {
  bench = await startRunListBench("busy", "monorepo", { onExchange: (e) => exchanges.push(e) });
  ({ db, client, ctx, repo } = bench);
});
afterAll(async () => {
  await bench?.close();
});

const listRequests = () =>
  exchanges.filter((e) => e.endpoint === "GET /repos/{owner}/{repo}/actions/runs");

describe("run lists by created window", () => {
  it("stores every run once, in windows of at most a page, at about one request per 100 runs", async () => {
    const { data } = await client.rest.actions.listWorkflowRunsForRepo({
      owner: "acme",
      repo: "monorepo",
      per_page: 1,
    });
    const result = await listRuns(ctx, repo, TEST_NOW - 31 * DAY, TEST_NOW);
    expect(await db.workflowRun.count()).toBe(data.total_count);
    expect(result.runsStored).toBe(data.total_count);
    const requests = listRequests();
    expect(requests.every((e) => e.status === 200)).toBe(true);
    // Day windows halved until they fit a page: some requests find a window too full first.
    expect(requests.length).toBeLessThan((data.total_count / 100) * 2 + 32);
  });

  it("answers the same windows with 304s the next time, and plans them from stored counts", async () => {
    const before = listRequests().length;
    const result = await listRuns(ctx, repo, TEST_NOW - 31 * DAY, TEST_NOW);
    const after = listRequests().slice(before);
    expect(after.every((e) => e.status === 304)).toBe(true);
    expect(result.unchanged).toBe(result.windows);
    expect(result.runsStored).toBe(0);
  });

  it("never lets an older answer overwrite a newer run", async () => {
    const stored = await db.workflowRun.findFirstOrThrow({ where: { status: "completed" } });
    const { data } = await client.rest.actions.getWorkflowRun({
      owner: "acme",
      repo: "monorepo",
      run_id: Number(stored.id),
    });
    const stale = {
      ...data,
      status: "in_progress",
      conclusion: null,
      updated_at: "2000-01-01T00:00:00Z",
    };
    const { stored: kept } = await saveRuns(db, repo.id, [stale as never]);
    expect(kept).toHaveLength(1);
    const now = await db.workflowRun.findUniqueOrThrow({ where: { id: stored.id } });
    expect(now.status).toBe("completed");
  });

  it("keeps a SHA group right when two transactions store runs of it at once", async () => {
    const stored = await db.workflowRun.findFirstOrThrow({ where: { status: "completed" } });
    const { data } = await client.rest.actions.getWorkflowRun({
      owner: "acme",
      repo: "monorepo",
      run_id: Number(stored.id),
    });
    const sha = "c0ffee".repeat(6).slice(0, 40);
    const [a, b] = [1, 2].map((n) => ({ ...data, id: 9_000_000_000 + n, head_sha: sha }));
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let stored1 = () => {};
    const first = new Promise<void>((resolve) => {
      stored1 = resolve;
    });
    // The first transaction stores its run and stays open; the second stores the other run of
    // the same SHA meanwhile (it waits for the first's lock), then the first commits.
    const one = db.$transaction(
      async (tx) => {
        await saveRuns(tx, repo.id, [a as never]);
        stored1();
        await held;
      },
      { timeout: 30_000 },
    );
    await first;
    const two = db.$transaction((tx) => saveRuns(tx, repo.id, [b as never]), { timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await Promise.all([one, two]);
    const runs = await db.workflowRun.findMany({
      where: { headSha: sha },
      select: { shaShared: true },
    });
    expect(runs).toEqual([{ shaShared: true }, { shaShared: true }]);
  });
});
