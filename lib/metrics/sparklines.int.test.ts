// Every pipeline's sparkline (median duration, runs, failures per bucket) on hand-made runs:
// the same numbers as each pipeline's own series, every bucket listed, the branch scope and the
// repository filter applied, untracked repositories left out.
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { UnknownRepositoryError } from "./pipelines.ts";
import { parseBranch, parseWindow } from "./scope.ts";
import { getSeries } from "./series.ts";
import { getSparklines } from "./sparklines.ts";
import { seedRepo, seedRun, seedWorkflow, T0 } from "./testing.ts";

const database = setUpTestDatabase();
const DAY = 24 * 60;
const scope = (window: string, branch = "") => ({
  window: parseWindow(window, T0),
  branch: parseBranch(branch),
});
let repo = 0;
let ci = 0;
let idle = 0;
let other = 0;

beforeAll(async () => {
  const { db } = database;
  repo = await seedRepo(db);
  ci = await seedWorkflow(db, repo, "CI");
  idle = await seedWorkflow(db, repo, "Idle", ".github/workflows/idle.yml");
  const second = await seedRepo(db);
  other = await seedWorkflow(db, second, "Build");
  const untracked = await seedRepo(db, { tracked: false });
  await seedWorkflow(db, untracked, "Hidden");
  for (const [created, conclusion, minutes, branch] of [
    [-2 * DAY - 30, "success", 3, "main"],
    [-2 * DAY - 20, "success", 5, "main"],
    [-2 * DAY - 10, "failure", 1, "main"],
    [-DAY / 2 - 1, "timed_out", 9, "main"],
    [-DAY / 2, "success", 4, "main"],
    [-90, "cancelled", 1, "main"],
    [-60, null, 1, "main"], // in progress: not counted
    [-30, "success", 8, "feat"], // another branch
  ] as const)
    await seedRun(db, repo, ci, { created, conclusion, minutes, branch });
  await seedRun(db, second, other, { created: -120, conclusion: "failure", minutes: 2 });
});

describe("getSparklines", () => {
  it("lists every pipeline of the tracked repositories with every day of the window", async () => {
    const report = await getSparklines(database.db, scope("3d"));
    expect(report.bucket).toBe("day");
    expect(report.pipelines.map((p) => p.id)).toEqual([ci, idle, other].map(String));
    for (const p of report.pipelines) expect(p.points).toHaveLength(4); // 23rd to 26th
    const idlePoints = report.pipelines[1]?.points ?? [];
    expect(idlePoints.every((x) => x.runs === 0 && x.durationP50Ms === null)).toBe(true);
  });

  it("agrees with each pipeline's own series, bucket by bucket", async () => {
    for (const window of ["3d", "24h"]) {
      const report = await getSparklines(database.db, scope(window));
      const series = await getSeries(database.db, scope(window), ci, report.bucket);
      expect(report.pipelines[0]?.points).toEqual(
        series.map((s) => ({
          start: s.start,
          durationP50Ms: s.durationP50Ms,
          runs: s.runs,
          failures: s.failures,
        })),
      );
    }
    const days = (await getSparklines(database.db, scope("3d"))).pipelines[0]?.points ?? [];
    expect(days.map((x) => [x.runs, x.failures, x.durationP50Ms])).toEqual([
      [0, 0, null], // the 23rd, from 12:00
      [3, 1, 240_000], // the 24th: 3 and 5 minutes' successes, a failure
      [1, 1, null], // the 25th: a timeout only
      [2, 0, 240_000], // the 26th: a success and a cancelled run (the running one not yet)
    ]);
  });

  it("uses hours for a window of up to 48 hours", async () => {
    const report = await getSparklines(database.db, scope("24h"));
    expect(report.bucket).toBe("hour");
    expect(report.pipelines[0]?.points).toHaveLength(25);
  });

  it("applies the branch scope and the repository filter", async () => {
    const all = await getSparklines(database.db, scope("24h", "*"));
    const runsOf = (p: { points: { runs: number }[] } | undefined) =>
      p?.points.reduce((sum, x) => sum + x.runs, 0);
    expect(runsOf(all.pipelines[0])).toBe(4); // the feat run besides the 3 on main
    const feat = await getSparklines(database.db, scope("24h", "feat"), { repo: `ACME/r${repo}` });
    expect(feat.pipelines.map((p) => p.id)).toEqual([ci, idle].map(String));
    expect(runsOf(feat.pipelines[0])).toBe(1);
    await expect(
      getSparklines(database.db, scope("24h"), { repo: "acme/unknown" }),
    ).rejects.toBeInstanceOf(UnknownRepositoryError);
  });
});
