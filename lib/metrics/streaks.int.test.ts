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

  it("place the last success before the window where it finished: between, or after, the window's", async () => {
    const { db } = database;
    const window = parseWindow("3d", T0);
    // It finished between the window's two successes: the gap around it is split in two.
    const between = await seedWorkflow(db, repo, "Late finisher");
    await seedRun(db, repo, between, {
      created: -3 * DAY - 60,
      conclusion: "success",
      minutes: 2 * DAY - 1,
    });
    await seedRun(db, repo, between, { created: -2 * DAY, conclusion: "success" });
    await seedRun(db, repo, between, { created: -10 * 60, conclusion: "success" });
    expect((await queryStreaks(db, window, [repo], between)).get(between)?.longestGapMs).toBe(
      (2 * DAY - 6 - 1500) * MIN,
    );
    // It finished after the window's only success (12 hours ago): the gap runs to it.
    const after = await seedWorkflow(db, repo, "Last to finish");
    await seedRun(db, repo, after, {
      created: -3 * DAY - 60,
      conclusion: "success",
      minutes: 3659,
    });
    await seedRun(db, repo, after, { created: -2 * DAY, conclusion: "success" });
    expect((await queryStreaks(db, window, [repo], after)).get(after)?.longestGapMs).toBe(
      (2 * DAY - 6 - 720) * MIN,
    );
  });

  it("measure the longest gap as the definition does, whatever order the successes finish in", async () => {
    const { db } = database;
    let seed = 11;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let p = 0; p < 6; p++) {
      const wf = await seedWorkflow(db, repo, `Shuffled ${p}`);
      // Successes and failures over 12 days, some running for days (a run created before the
      // window may finish inside it, after successes created in it), some created together.
      const runs = Array.from({ length: 6 + p * 3 }, (_, i) => {
        const created = -Math.floor(random() * 12 * DAY) - 2;
        const minutes = random() < 0.2 ? Math.floor(random() * 3 * DAY) : Math.floor(random() * 30);
        // Finished by now (T0), as every run GitHub reports.
        return {
          created,
          conclusion: random() < 0.75 ? "success" : "failure",
          minutes: Math.min(minutes, -created - 1),
          sha: `p${p}-${i}`,
        };
      });
      for (const run of runs) await seedRun(db, repo, wf, run);
      for (const window of ["7d", "3d", "36h", "30d"]) {
        const scope = parseWindow(window, T0);
        const got = (await queryStreaks(db, scope, [repo], wf)).get(wf)?.longestGapMs;
        expect(got, `pipeline ${p}, ${window}`).toBe(expectedLongestGap(runs, scope.from));
      }
    }
  });
});

/**
 * The definition (docs/metrics.md), by hand: the gaps between consecutive successes' updated_at
 * over those created in the window plus the last one created before it, and the open interval
 * to now (T0); null without a success. seedRun updates a run 1 + `minutes` after its creation.
 */
function expectedLongestGap(
  runs: { created: number; conclusion: string; minutes: number }[],
  from: Date,
): number | null {
  const successes = runs
    .filter((r) => r.conclusion === "success" && at(r.created) <= T0)
    .map((r) => ({
      created: at(r.created).getTime(),
      updated: at(r.created + 1 + r.minutes).getTime(),
    }));
  if (successes.length === 0) return null;
  const inWindow = successes.filter((r) => r.created >= from.getTime());
  // Created at the same minute as another: any of them is "the last before" (seedRun's ids
  // increase with seeding order, as does this filter's order).
  const earlier = successes.filter((r) => r.created < from.getTime());
  const lastBefore = earlier.reduce<(typeof earlier)[number] | undefined>(
    (last, r) => (last === undefined || r.created >= last.created ? r : last),
    undefined,
  );
  const times = [...inWindow, ...(lastBefore ? [lastBefore] : [])]
    .map((r) => r.updated)
    .sort((a, b) => a - b);
  const lastSuccess = Math.max(...successes.map((r) => r.updated));
  let longest = T0.getTime() - lastSuccess;
  for (let i = 1; i < times.length; i++)
    longest = Math.max(longest, (times[i] ?? 0) - (times[i - 1] ?? 0));
  return longest;
}
