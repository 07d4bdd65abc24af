// What is kept per pipeline, branch and day (run-days.ts): a window's whole days read from it and
// its partial days from the runs give the same numbers as every run and job in scope.
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { keepRunDays } from "./run-days.ts";
import { queryRunStats } from "./run-stats.ts";
import { parseBranch, parseWindow, type Scope } from "./scope.ts";
import { seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
let repo: number;

beforeAll(async () => {
  repo = await seedRepo(database.db);
});

/** Windows with and without whole days, partial days at both ends, on each kind of branch. */
const SCOPES: [string, string | undefined][] = [
  ["30d", undefined],
  ["7d", undefined],
  ["36h", "*"],
  ["7d", "dev"],
  ["2h", undefined],
  ["30d", "*"],
  ["5d", "*"],
];

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

describe("what is kept per day", () => {
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
    for (const [window, branch] of SCOPES) {
      const scope = scopeOf(window, branch);
      const stats = (await queryRunStats(db, scope, [repo], wf)).find((s) => s.workflowId === wf);
      const none = { p50: null, p95: null };
      expect(stats?.queueMs ?? none, `${window} ${branch ?? "default"}`).toEqual(
        await expectedQueue(db, scope, wf),
      );
    }
    // The whole days are read from what is kept: a day changed there changes the numbers.
    const before = (await queryRunStats(db, scopeOf("30d", "*"), [repo], wf))[0]?.queueMs;
    await db.$executeRaw`UPDATE run_days SET queue_ms = '{}' WHERE workflow_id = ${BigInt(wf)}`;
    const emptied = (await queryRunStats(db, scopeOf("30d", "*"), [repo], wf))[0]?.queueMs;
    expect(emptied).not.toEqual(before);
  });

  it("give a window's run counts, durations, SHA groups of one run and cache restores", async () => {
    const { db } = database;
    const wf = await seedWorkflow(db, repo, "Counts");
    const conclusions = ["success", "failure", "cancelled", "success", "timed_out", "skipped"];
    // Runs every 5 hours over 12 days; every third pair shares a SHA; some re-run, some running.
    for (let i = 0; i < 58; i++) {
      await seedRun(db, repo, wf, {
        created: -i * 5 * 60 - (i % 7),
        conclusion: i % 11 === 3 ? null : (conclusions[i % conclusions.length] ?? null),
        branch: [null, "main", "dev", "main", "main"][i % 5],
        sha: i % 6 < 2 ? `pair${Math.floor(i / 6)}` : undefined,
        minutes: 3 + ((i * 7) % 13),
        earlier: i % 8 === 5 ? ["failure"] : undefined,
      });
    }
    // Cache restores as the sync keeps them on each run, and their days refreshed.
    await db.$executeRaw`UPDATE workflow_runs SET cache_hits = id % 4, cache_partial = id % 3,
      cache_misses = id % 2 WHERE workflow_id = ${BigInt(wf)}`;
    const runs = await db.workflowRun.findMany({ where: { workflowId: BigInt(wf) } });
    await keepRunDays(
      db,
      runs.flatMap((r) =>
        r.headBranch === null
          ? []
          : [{ workflowId: wf, branch: r.headBranch, day: r.createdAt.toISOString().slice(0, 10) }],
      ),
    );
    for (const [window, branch] of SCOPES) {
      const scope = scopeOf(window, branch);
      const stats = (await queryRunStats(db, scope, [repo], wf)).find((s) => s.workflowId === wf);
      const { queueMs: _, successRate: __, ...kept } = stats ?? {};
      expect(kept, `${window} ${branch ?? "default"}`).toEqual(await expectedCounts(db, scope, wf));
    }
    // The whole days are read from what is kept: a day changed there changes the numbers.
    await db.$executeRaw`UPDATE run_days SET runs = runs + 1, duration_ms = '{1}', cache_hits = 0
      WHERE workflow_id = ${BigInt(wf)}`;
    const tampered = (await queryRunStats(db, scopeOf("30d", "*"), [repo], wf))[0];
    const { queueMs: _, successRate: __, ...kept } = tampered ?? {};
    expect(kept).not.toEqual(await expectedCounts(db, scopeOf("30d", "*"), wf));
  });
});

/** The definitions over every run in scope (docs/metrics.md), for pipeline `workflowId`. */
async function expectedCounts(db: Db, scope: Scope, workflowId: number) {
  const branch =
    scope.branch.kind === "all"
      ? Prisma.sql`TRUE`
      : Prisma.sql`r.head_branch = ${scope.branch.kind === "name" ? scope.branch.name : "main"}`;
  const done = Prisma.sql`r.status = 'completed'`;
  const timed = Prisma.sql`${done} AND r.conclusion = 'success'`;
  const duration = Prisma.sql`extract(epoch FROM r.updated_at - r.run_started_at) * 1000`;
  const [row] = await db.$queryRaw<Record<string, number | null>[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE ${done})::int AS runs,
      count(*) FILTER (WHERE ${done} AND r.conclusion = 'success')::int AS successes,
      count(*) FILTER (WHERE ${done} AND r.conclusion IN ('failure', 'timed_out', 'startup_failure'))::int AS failures,
      count(*) FILTER (WHERE ${done} AND r.conclusion IN ('cancelled', 'skipped'))::int AS cancelled,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${duration}) FILTER (WHERE ${timed}))::float8 AS p50,
      (percentile_cont(0.95) WITHIN GROUP (ORDER BY ${duration}) FILTER (WHERE ${timed}))::float8 AS p95,
      (max(${duration}) FILTER (WHERE ${timed}))::float8 AS max,
      count(*) FILTER (WHERE NOT r.sha_shared AND r.run_attempt = 1)::int AS sole,
      count(*) FILTER (WHERE NOT r.sha_shared AND r.run_attempt = 1 AND ${done}
        AND r.conclusion NOT IN ('cancelled', 'skipped'))::int AS sole_counted,
      sum(r.cache_hits)::int AS hits, sum(r.cache_partial)::int AS partial,
      sum(r.cache_misses)::int AS misses
    FROM workflow_runs r
    WHERE r.workflow_id = ${BigInt(workflowId)} AND ${branch}
      AND r.created_at >= ${scope.window.from} AND r.created_at <= ${scope.window.to}`;
  const n = (key: string) => Number(row?.[key] ?? 0);
  const round = (key: string) => (row?.[key] == null ? null : Math.round(Number(row[key])));
  const restores = n("hits") + n("partial") + n("misses");
  // A pipeline without runs in scope has no stats.
  if (n("total") === 0) return {};
  return {
    workflowId,
    runs: n("runs"),
    successes: n("successes"),
    failures: n("failures"),
    cancelled: n("cancelled"),
    durationMs: { p50: round("p50"), p95: round("p95"), max: round("max") },
    cache: {
      hits: n("hits"),
      partial: n("partial"),
      misses: n("misses"),
      hitRate: restores > 0 ? n("hits") / restores : null,
    },
    soleShaGroups: { groups: n("sole"), counted: n("sole_counted") },
  };
}
