// Flag rules (workflow_disabled, slow, stale_data) and the flag lifecycle on hand-made data.
import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { at, seedRepo, seedRun, seedWorkflow, T0 } from "../testing.ts";
import { evaluateFreshness } from "./evaluate.ts";
import { slow, staleData, workflowDisabled } from "./rules-basic.ts";
import { applyFlags } from "./store.ts";
import type { Candidate } from "./types.ts";

const database = setUpTestDatabase();

const DAY = 24 * 60;

describe("workflow_disabled", () => {
  it("is critical when GitHub disabled a workflow that ran in the last 90 days, a warning when a person did", async () => {
    const { db } = database;
    const repo = await seedRepo(db);
    const [inactive, manual, old] = [
      await seedWorkflow(db, repo, "Nightly", ".github/workflows/nightly.yml"),
      await seedWorkflow(db, repo, "Docs", ".github/workflows/docs.yml"),
      await seedWorkflow(db, repo, "Legacy", ".github/workflows/legacy.yml"),
    ];
    await db.workflow.update({
      where: { id: BigInt(inactive) },
      data: { state: "disabled_inactivity" },
    });
    await db.workflow.update({
      where: { id: BigInt(manual) },
      data: { state: "disabled_manually" },
    });
    await db.workflow.update({
      where: { id: BigInt(old) },
      data: { state: "disabled_inactivity" },
    });
    await seedRun(db, repo, inactive, { created: -10 * DAY, conclusion: "success" });
    await seedRun(db, repo, manual, { created: -3 * DAY, conclusion: "success" });
    await seedRun(db, repo, old, { created: -120 * DAY, conclusion: "success" });
    const flags = await workflowDisabled(db, [repo], T0);
    expect(flags.map((f) => [f.workflowId, f.severity])).toEqual(
      expect.arrayContaining([
        [inactive, "critical"],
        [manual, "warning"],
      ]),
    );
    expect(flags).toHaveLength(2);
    expect(flags.find((f) => f.workflowId === inactive)?.message).toMatch(/disabled by GitHub/);
  });
});

describe("slow", () => {
  it("compares the median of the last 20 successful default-branch runs (at least 3) with the threshold", async () => {
    const { db } = database;
    const repo = await seedRepo(db);
    const warn = await seedWorkflow(db, repo, "Warn");
    const critical = await seedWorkflow(db, repo, "Critical");
    const few = await seedWorkflow(db, repo, "Few");
    const relaxed = await seedWorkflow(db, repo, "Relaxed");
    const fast = await seedWorkflow(db, repo, "Fast");
    await db.workflow.update({
      where: { id: BigInt(relaxed) },
      data: { slowThresholdMs: 30 * 60_000 },
    });
    for (let i = 0; i < 5; i++) {
      await seedRun(db, repo, warn, { created: -i * 60, conclusion: "success", minutes: 12 });
      await seedRun(db, repo, critical, { created: -i * 60, conclusion: "success", minutes: 25 });
      await seedRun(db, repo, relaxed, { created: -i * 60, conclusion: "success", minutes: 25 });
      await seedRun(db, repo, fast, { created: -i * 60, conclusion: "success", minutes: 4 });
      // Slow runs on another branch or failed ones do not count.
      await seedRun(db, repo, fast, {
        created: -i * 60,
        conclusion: "success",
        minutes: 50,
        branch: "dev",
      });
      await seedRun(db, repo, fast, { created: -i * 60, conclusion: "failure", minutes: 50 });
    }
    for (let i = 0; i < 2; i++)
      await seedRun(db, repo, few, { created: -i * 60, conclusion: "success", minutes: 40 });
    const flags = await slow(db, [repo]);
    expect(Object.fromEntries(flags.map((f) => [f.workflowId, f.severity]))).toEqual({
      [warn]: "warning",
      [critical]: "critical",
    });
    expect(flags.find((f) => f.workflowId === warn)?.message).toMatch(
      /12m 00s at the median of its last 5 successful runs, over the 10m 00s threshold/,
    );
  });
});

describe("stale_data", () => {
  it("flags a repository whose last successful sync is older than three poll intervals, not one never synced", async () => {
    const { db } = database;
    const [stale, fresh, never] = [await seedRepo(db), await seedRepo(db), await seedRepo(db)];
    await db.syncState.createMany({
      data: [
        {
          repoId: BigInt(stale),
          lastSuccessAt: at(-10),
          lastError: "GitHub rejected the token (401)",
        },
        { repoId: BigInt(fresh), lastSuccessAt: at(-2) },
        { repoId: BigInt(never), lastAttemptAt: at(-60) },
      ],
    });
    const flags = await staleData(db, [stale, fresh, never], T0, 60_000);
    expect(flags.map((f) => f.repoId)).toEqual([stale]);
    expect(flags[0]).toMatchObject({ severity: "critical", since: at(-7) });
    expect(flags[0]?.message).toMatch(/10m 00s old.*401/);
  });
});

describe("the flag lifecycle", () => {
  it("opens, changes severity with an event, resolves, and opens anew", async () => {
    const { db } = database;
    const repo = await seedRepo(db);
    const wf = await seedWorkflow(db, repo);
    const scope = { repoIds: [repo], kinds: ["slow" as const] };
    const raise = (severity: "warning" | "critical"): Candidate => ({
      kind: "slow",
      severity,
      repoId: repo,
      workflowId: wf,
      since: at(-100),
      message: `slow (${severity})`,
      detail: {},
    });
    expect(await applyFlags(db, scope, [raise("warning")], at(0))).toEqual({
      opened: 1,
      changed: 0,
      resolved: 0,
    });
    expect(await applyFlags(db, scope, [raise("warning")], at(1))).toEqual({
      opened: 0,
      changed: 0,
      resolved: 0,
    });
    expect(await applyFlags(db, scope, [raise("critical")], at(2))).toEqual({
      opened: 0,
      changed: 1,
      resolved: 0,
    });
    expect(await applyFlags(db, scope, [], at(3))).toEqual({ opened: 0, changed: 0, resolved: 1 });
    expect(await applyFlags(db, scope, [raise("warning")], at(4))).toEqual({
      opened: 1,
      changed: 0,
      resolved: 0,
    });
    const flags = await db.flag.findMany({
      where: { workflowId: BigInt(wf) },
      orderBy: { id: "asc" },
      include: { events: { orderBy: { id: "asc" } } },
    });
    expect(flags).toHaveLength(2);
    expect(flags[0]).toMatchObject({
      resolvedAt: at(3),
      openKey: null,
      since: at(-100),
      lastSeenAt: at(2),
      severity: "critical",
    });
    expect(flags[0]?.events.map((e) => e.transition)).toEqual(["opened", "worsened", "resolved"]);
    expect(flags[1]).toMatchObject({ resolvedAt: null, openKey: `slow:${wf}`, openedAt: at(4) });
  });
});

describe("a repository no longer tracked", () => {
  it("has its open flags resolved by the freshness turn, which leaves tracked ones alone", async () => {
    const { db } = database;
    const [gone, kept] = [await seedRepo(db), await seedRepo(db)];
    const [goneFlow, keptFlow] = [await seedWorkflow(db, gone), await seedWorkflow(db, kept)];
    const slowFlag = (repoId: number, workflowId: number): Candidate => ({
      kind: "slow",
      severity: "warning",
      repoId,
      workflowId,
      since: at(-60),
      message: "slow",
      detail: {},
    });
    await applyFlags(
      db,
      { repoIds: [gone, kept], kinds: ["slow"] },
      [slowFlag(gone, goneFlow), slowFlag(kept, keptFlow)],
      at(-1),
    );
    await db.repository.update({ where: { id: BigInt(gone) }, data: { tracked: false } });
    const changes = await evaluateFreshness(db, T0, 60_000);
    expect(changes.resolved).toBeGreaterThanOrEqual(1);
    const open = await db.flag.findMany({
      where: { resolvedAt: null, repoId: { in: [BigInt(gone), BigInt(kept)] } },
    });
    expect(open.map((f) => Number(f.repoId))).toEqual([kept]);
  });
});
