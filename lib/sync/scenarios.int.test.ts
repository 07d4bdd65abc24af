// Every simulator scenario besides the demo (which sync.int.test.ts follows through live time):
// synced into a fresh database, its open flags must be exactly those it declares, none missing
// and none on a pipeline it declares healthy.
import { describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { SCENARIO_NAMES } from "@/lib/simulator/scenarios/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { syncSelected } from "./sync.ts";
import { declaredFlags, openPipelineFlags, testSyncEnvironment } from "./testing.ts";

/** History synced per scenario: the scale ones are cut to 10 days, which every rule can judge. */
const DAYS: Record<string, number> = { large: 10, busy: 10 };

async function flagsOf(scenario: string) {
  const [database, sim] = await Promise.all([
    createTestDatabase(),
    startTestSimulator(scenario, { days: DAYS[scenario] ?? 30 }),
  ]);
  const db = createDb(database.url, { max: 4 });
  try {
    const env = testSyncEnvironment(db, sim, TEST_NOW, {
      backfillDays: DAYS[scenario] ?? 30,
    });
    const owner = sim.sim.scenario.repos[0]?.owner ?? "acme";
    const outcomes = await syncSelected(env, [{ owner, repo: "*" }]);
    expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => "synced"));
    return {
      open: await openPipelineFlags(db),
      declared: declaredFlags(sim.sim.scenario.truth, TEST_NOW),
      healthy: sim.sim.scenario.truth.healthy.map((p) => `${p.repo} ${p.workflow}`),
    };
  } finally {
    await db.$disconnect();
    await Promise.all([database.drop(), sim.close()]);
  }
}

describe("the flags of each scenario", () => {
  const scenarios = SCENARIO_NAMES.filter((name) => name !== "demo");
  it.each(scenarios)(
    "%s: exactly the declared flags",
    async (scenario) => {
      const { open, declared, healthy } = await flagsOf(scenario);
      expect(open).toEqual(declared);
      // Said separately so that a failure names the healthy pipeline that was flagged.
      expect(open.filter((f) => healthy.some((p) => f.startsWith(`${p} `)))).toEqual([]);
    },
    900_000,
  );
});
