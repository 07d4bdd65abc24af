// The SHA flag each run keeps (sha-shared.ts) and the flaky metric that counts sole runs from
// it: the same groups as grouping every run by SHA (shaGroupsCte), on varied hand-made runs.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import type { SyncContext } from "@/lib/sync/context";
import { deleteRun } from "@/lib/sync/details-phase";
import { getPipelinesReport } from "./pipelines.ts";
import { queryFlakyStats, shaGroupsCte } from "./quality-stats.ts";
import { parseBranch, parseWindow, type Scope } from "./scope.ts";
import { refreshShaShared } from "./sha-shared.ts";
import { seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
let repo: number;

beforeAll(async () => {
  repo = await seedRepo(database.db);
});

const scopeOf = (branch?: string): Scope => ({
  window: parseWindow("30d", T0),
  branch: parseBranch(branch),
});

const sharedOf = async (db: Db, workflowId: number) =>
  (
    await db.workflowRun.findMany({
      where: { workflowId: BigInt(workflowId) },
      orderBy: { id: "asc" },
      select: { headSha: true, shaShared: true },
    })
  ).map((r) => `${r.headSha}:${r.shaShared}`);

/** Flaky and counted groups of `workflowId` as the series and the flag rule count them. */
async function groupsByCte(db: Db, scope: Scope, workflowId: number) {
  const [row] = await db.$queryRaw<{ flaky: number; counted: number }[]>`
    WITH ${shaGroupsCte(scope, [repo], workflowId)}
    SELECT (count(*) FILTER (WHERE flaky))::int AS flaky, (count(*) FILTER (WHERE counted))::int AS counted
    FROM shas`;
  return row;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the SHA flag a run keeps", () => {
  it("says whether another run of the same workflow has the run's head SHA", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Shared");
    const other = await seedWorkflow(db, repo, "Other");
    await seedRun(db, repo, wf, { created: -300, conclusion: "success", sha: "s1" });
    await seedRun(db, repo, wf, { created: -200, conclusion: "success", sha: "s2" });
    await seedRun(db, repo, other, { created: -200, conclusion: "success", sha: "s2" });
    expect(await sharedOf(db, wf)).toEqual(["s1:false", "s2:false"]);
    // A later run on s1, stored after the first (or before it, as a backfill does): both share.
    const late = await seedRun(db, repo, wf, { created: -400, conclusion: "failure", sha: "s1" });
    expect(await sharedOf(db, wf)).toEqual(["s1:true", "s2:false", "s1:true"]);
    // GitHub deleted it (the sync's deleteRun): the first run of s1 is alone once more.
    await deleteRun({ db } as SyncContext, late);
    expect(await sharedOf(db, wf)).toEqual(["s1:false", "s2:false"]);
  });

  it("lets the flaky metric count the same groups as grouping every run, kept or not known", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Varied");
    const next = random(7);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
    const conclusions = ["success", "failure", "timed_out", "cancelled", "skipped"] as const;
    for (let i = 0; i < 120; i++) {
      const attempts = pick([1, 1, 1, 1, 2, 3]);
      await seedRun(db, repo, wf, {
        // Spread over 40 days: some SHA groups straddle the 30-day window's start.
        created: -Math.floor(next() * 40 * 24 * 60),
        conclusion: next() < 0.05 ? null : pick(conclusions),
        earlier: Array.from({ length: attempts - 1 }, () => pick(conclusions)),
        sha: `v${Math.floor(next() * 70)}`,
        branch: pick(["main", "main", "feature"]),
      });
    }
    // And a failure fixed by a new run on the same SHA, on each branch, which only grouping sees.
    for (const branch of ["main", "feature"]) {
      await seedRun(db, repo, wf, { created: -20, conclusion: "failure", sha: branch, branch });
      await seedRun(db, repo, wf, { created: -10, conclusion: "success", sha: branch, branch });
    }
    const setFlags = (value: boolean | null) =>
      db.$executeRaw`UPDATE workflow_runs SET sha_shared = ${value} WHERE workflow_id = ${BigInt(wf)}`;
    const shas = await db.workflowRun.findMany({
      where: { workflowId: BigInt(wf) },
      distinct: ["headSha"],
      select: { headSha: true },
    });
    const keep = () =>
      refreshShaShared(
        db,
        shas.map((s) => ({ workflowId: wf, headSha: s.headSha })),
      );
    for (const branch of [undefined, "*", "feature"]) {
      const scope = scopeOf(branch);
      const statsOf = async () => (await queryFlakyStats(db, scope, [repo], wf)).get(wf);
      const expected = await groupsByCte(db, scope, wf);
      const kept = await statsOf();
      expect(kept?.flakyRuns, `flaky groups, branch ${branch}`).toBe(expected?.flaky);
      // The pipelines report counts the groups of one run in its run stats' pass: the same.
      const report = await getPipelinesReport(db, scope, { workflowId: wf });
      expect(report.pipelines[0]?.flaky, `report, branch ${branch}`).toEqual(kept);
      expect(kept?.rate, `rate, branch ${branch}`).toBe(
        (expected?.flaky ?? 0) / (expected?.counted ?? 0),
      );
      // Not computed (NULL): every run is grouped, with the same result.
      await setFlags(null);
      expect(await statsOf(), `not known, branch ${branch}`).toEqual(kept);
      // A flag that wrongly says "alone" splits the groups: the metric follows the flag.
      await setFlags(false);
      expect((await statsOf())?.flakyRuns).toBeLessThan(expected?.flaky ?? 0);
      await keep();
    }
  });
});
