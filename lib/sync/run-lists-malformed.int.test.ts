// A run list with a malformed run in it (the simulator's runs:nulls fault spoils the first run
// of every answer): the other runs are stored, the malformed one is skipped with its reason
// logged, and the window is read again next pass instead of being marked unchanged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_NOW } from "@/lib/simulator/testing/start";
import { listRuns } from "./run-lists.ts";
import { type RunListBench, startRunListBench } from "./run-lists-testing.ts";
import { DAY } from "./run-windows.ts";

let bench: RunListBench | undefined;
const logged: string[] = [];

beforeAll(async () => {
  // Busy: every window holds runs (an empty list's answer would itself be spoilt).
  bench = await startRunListBench("busy", "monorepo", {
    simulator: { days: 3, faults: "runs:nulls=1" },
    log: (line) => logged.push(line),
  });
});
afterAll(async () => {
  await bench?.close();
});

describe("a run list with a malformed run", () => {
  it("stores the other runs, logs the skipped one, and reads the window again", async () => {
    if (!bench) throw new Error("not started");
    const { ctx, repo, db } = bench;
    const first = await listRuns(ctx, repo, TEST_NOW - 2 * DAY, TEST_NOW);
    const stored = await db.workflowRun.count();
    expect(stored).toBeGreaterThan(0);
    expect(first.runsStored).toBe(stored);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]).toMatch(/acme\/monorepo: skipped 1 malformed run\(s\).*id .*expected number/);
    const again = await listRuns(ctx, repo, TEST_NOW - 2 * DAY, TEST_NOW);
    expect(again.unchanged).toBe(0); // no window was marked complete
    expect(await db.workflowRun.count()).toBe(stored);
  });
});
