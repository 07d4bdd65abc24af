// flaky and cache_degraded on hand-made runs and cache restores, with the edges of their
// thresholds (5% and 20 groups; half a baseline of at least 50%, 10 restores each side).
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { at, seedRepo, seedRun, seedWorkflow, T0 } from "../testing.ts";
import { cacheDegraded, flaky } from "./rules-quality.ts";

const database = setUpTestDatabase();

const DAY = 24 * 60;

/** `groups` SHAs an hour apart, oldest first; those in `flakyAt` failed, then passed on a re-run. */
async function shas(repo: number, groups: number, flakyAt: number[]) {
  const wf = await seedWorkflow(database.db, repo, "CI");
  for (let i = 0; i < groups; i++)
    await seedRun(database.db, repo, wf, {
      created: -(groups - i) * 60,
      conclusion: "success",
      earlier: flakyAt.includes(i) ? ["failure"] : [],
    });
  return wf;
}

describe("flaky", () => {
  it("is raised above 5% of at least 20 SHA groups, since the stretch in which it holds began", async () => {
    const repo = await seedRepo(database.db);
    const wf = await shas(repo, 20, [12, 17]);
    const [flag, ...rest] = await flaky(database.db, [repo], T0);
    expect(rest).toHaveLength(0);
    // 2 of 20 is 10%; from group 0 on it still holds (2/20 > 5%).
    expect(flag).toMatchObject({
      kind: "flaky",
      severity: "warning",
      workflowId: wf,
      since: at(-20 * 60),
    });
    expect(flag?.message).toBe(
      'Flaky: 2 of 20 commits (10.0%) on main failed in "CI" and then passed on a re-run in the last 30 days',
    );
  });

  it("is not raised at exactly 5%, nor with fewer than 20 groups, nor for runs older than 30 days", async () => {
    const { db } = database;
    const atFive = await seedRepo(db);
    await shas(atFive, 20, [3]);
    const few = await seedRepo(db);
    await shas(few, 19, [1, 2, 3]);
    const old = await seedRepo(db);
    const wf = await shas(old, 20, []);
    for (let i = 0; i < 5; i++)
      await seedRun(db, old, wf, {
        created: -31 * DAY - i,
        conclusion: "success",
        earlier: ["failure"],
      });
    expect(await flaky(db, [atFive, few, old], T0)).toEqual([]);
  });
});

/** A workflow with one restore per run: `before` in the 23 days before the last 7, `recent` in them. */
async function restores(repo: number, before: string[], recent: string[]) {
  const { db } = database;
  const wf = await seedWorkflow(db, repo, "Android CI", ".github/workflows/android.yml");
  const place = async (outcome: string, created: number) => {
    const run = await seedRun(db, repo, wf, {
      created,
      conclusion: "success",
      jobs: [{ queue: 1, conclusion: "success", name: "build" }],
    });
    await db.cacheEvent.create({
      data: {
        jobId: BigInt(run * 100),
        runId: BigInt(run),
        workflowId: BigInt(wf),
        runCreatedAt: at(created),
        seq: 1,
        kind: "restore",
        outcome: outcome === "x" ? "exact" : outcome === "p" ? "partial" : "miss",
        source: "actions/cache",
      },
    });
  };
  for (const [i, o] of [...before].entries()) await place(o, -29 * DAY + i * 60);
  for (const [i, o] of [...recent].entries()) await place(o, -6 * DAY + i * 60);
  return wf;
}

describe("cache_degraded", () => {
  it("is raised when the last 7 days' hit rate is below half the 23 days' before", async () => {
    const repo = await seedRepo(database.db);
    // 90% before (9 of 10); 2 of 10 after, the hits early: the key broke at the 3rd restore.
    const wf = await restores(repo, [..."xxxxxxxxx-"], [..."xxpppppppp"]);
    const [flag, ...rest] = await cacheDegraded(database.db, [repo], T0);
    expect(rest).toHaveLength(0);
    expect(flag).toMatchObject({ kind: "cache_degraded", severity: "warning", workflowId: wf });
    expect(flag?.since).toEqual(at(-6 * DAY + 2 * 60));
    expect(flag?.message).toBe(
      'Cache degraded: "Android CI" restored its cache with the exact key in 20.0% of 10 restores over the last 7 days, against 90.0% of 10 in the 23 days before; check what goes into the cache key',
    );
  });

  it("is not raised at half the baseline, under a 50% baseline, or with fewer than 10 restores a side", async () => {
    const { db } = database;
    const half = await seedRepo(db);
    await restores(half, [..."xxxxxxxx--"], [..."xxxx------"]); // 80% → 40%: exactly half
    const low = await seedRepo(db);
    await restores(low, [..."xxxx------"], [..."----------"]); // baseline 40%
    const few = await seedRepo(db);
    await restores(few, [..."xxxxxxxxxx"], [..."---------"]); // 9 recent restores
    expect(await cacheDegraded(db, [half, low, few], T0)).toEqual([]);
  });
});
