// Success streaks (docs/metrics.md) on hand-made default-branch runs.
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { parseWindow } from "./scope.ts";
import { queryStreaks } from "./streaks.ts";
import { at, seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
let repo: number;
const DAY = 24 * 60; // minutes
const MIN = 60_000;

beforeAll(async () => {
  repo = await seedRepo(database.db);
});

describe("streaks", () => {
  it("measure the last success, the failures since, and the longest gap including the open one", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo);
    // Successes created 10, 5 and 1 days ago (each updated 6 minutes after creation).
    for (const days of [10, 5, 1])
      await seedRun(db, repo, wf, { created: -days * DAY, conclusion: "success" });
    await seedRun(db, repo, wf, { created: -20 * 60, conclusion: "failure" });
    await seedRun(db, repo, wf, { created: -10 * 60, conclusion: "cancelled" }); // skipped
    await seedRun(db, repo, wf, { created: -5 * 60, conclusion: "timed_out" });
    await seedRun(db, repo, wf, { created: -60, conclusion: "success", branch: "feature" }); // other branch
    await seedRun(db, repo, wf, { created: -30, conclusion: null }); // in progress
    const streak = (await queryStreaks(db, parseWindow("7d", T0), [repo])).get(wf);
    expect(streak).toEqual({
      lastSuccessAt: at(-DAY + 6).toISOString(),
      sinceLastSuccessMs: (DAY - 6) * MIN,
      failureStreak: 2,
      // In the window: 5 and 1 days ago, plus the last before it (10 days ago): gaps of 5 days,
      // 4 days, and the open one of almost a day. The longest is 5 days.
      longestGapMs: 5 * DAY * MIN,
    });
    // A 2-day window holds one success; with the one before it, the gap is 4 days.
    expect((await queryStreaks(db, parseWindow("2d", T0), [repo])).get(wf)?.longestGapMs).toBe(
      4 * DAY * MIN,
    );
  });

  it("are null for a pipeline that never succeeded, with every failure in its streak", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Broken");
    for (const created of [-300, -200, -100])
      await seedRun(db, repo, wf, { created, conclusion: "failure" });
    expect((await queryStreaks(db, parseWindow("30d", T0), [repo])).get(wf)).toEqual({
      lastSuccessAt: null,
      sinceLastSuccessMs: null,
      failureStreak: 3,
      longestGapMs: null,
    });
  });

  it("count the open interval when it is the longest", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Quiet");
    await seedRun(db, repo, wf, { created: -20 * DAY, conclusion: "success" });
    await seedRun(db, repo, wf, { created: -19 * DAY, conclusion: "success" });
    const streak = (await queryStreaks(db, parseWindow("30d", T0), [repo])).get(wf);
    expect(streak?.longestGapMs).toBe((19 * DAY - 6) * MIN);
    expect(streak?.failureStreak).toBe(0);
  });
});
