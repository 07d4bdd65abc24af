// The queue times kept per pipeline, branch and day (queue-days.ts): a window's whole days read
// from them and its partial days from the runs give the same percentiles as every job in scope.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { queryRunStats } from "./run-stats.ts";
import { parseBranch, parseWindow, type Scope } from "./scope.ts";
import { seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
let repo: number;

beforeAll(async () => {
  repo = await seedRepo(database.db);
});

const scopeOf = (window: string, branch?: string): Scope => ({
  window: parseWindow(window, T0),
  branch: parseBranch(branch),
});

/** The definition, over every job of the completed runs in scope (docs/metrics.md). */
async function expectedQueue(db: Db, scope: Scope, workflowId: number) {
  const branch =
    scope.branch.kind === "all"
      ? Prisma.sql`TRUE`
      : Prisma.sql`r.head_branch = ${scope.branch.kind === "name" ? scope.branch.name : "main"}`;
  const [row] = await db.$queryRaw<{ p50: number | null; p95: number | null }[]>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::float8 AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::float8 AS p95
    FROM (SELECT extract(epoch FROM j.started_at - j.created_at) * 1000 AS ms
      FROM workflow_runs r JOIN jobs j ON j.run_id = r.id
      WHERE r.workflow_id = ${BigInt(workflowId)} AND ${branch} AND r.status = 'completed'
        AND r.created_at >= ${scope.window.from} AND r.created_at <= ${scope.window.to}
        AND j.started_at IS NOT NULL AND j.conclusion IS DISTINCT FROM 'skipped') q`;
  const round = (v: number | null | undefined) =>
    v === null || v === undefined ? null : Math.round(v);
  return { p50: round(row?.p50), p95: round(row?.p95) };
}

describe("queue times kept per day", () => {
  it("give a window's percentiles from its whole days and the runs of its partial days", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Days");
    // Runs every 7 hours over 12 days, on main, dev or no branch, some still in progress.
    for (let i = 0; i < 41; i++) {
      const created = -i * 7 * 60 - (i % 5);
      await seedRun(db, repo, wf, {
        created,
        conclusion: i % 9 === 4 ? null : "success",
        branch: [null, "main", "dev", "main"][i % 4],
        jobs: [
          { queue: (i * 7) % 11, conclusion: "success" },
          { queue: (i * 3) % 5, conclusion: i % 6 === 0 ? "skipped" : "failure" },
        ],
      });
    }
    const cases: [string, string | undefined][] = [
      ["30d", undefined],
      ["7d", undefined],
      ["36h", "*"],
      ["7d", "dev"],
      ["2h", undefined],
      ["30d", "*"],
    ];
    for (const [window, branch] of cases) {
      const scope = scopeOf(window, branch);
      const stats = (await queryRunStats(db, scope, [repo], wf)).find((s) => s.workflowId === wf);
      const none = { p50: null, p95: null };
      expect(stats?.queueMs ?? none, `${window} ${branch ?? "default"}`).toEqual(
        await expectedQueue(db, scope, wf),
      );
    }
    // The whole days are read from what is kept: a day changed there changes the numbers.
    const before = (await queryRunStats(db, scopeOf("30d", "*"), [repo], wf))[0]?.queueMs;
    await db.$executeRaw`UPDATE queue_days SET queue_ms = '{}' WHERE workflow_id = ${BigInt(wf)}`;
    const emptied = (await queryRunStats(db, scopeOf("30d", "*"), [repo], wf))[0]?.queueMs;
    expect(emptied).not.toEqual(before);
  });
});
