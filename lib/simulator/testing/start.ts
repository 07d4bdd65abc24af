// Starts a simulator for a test: frozen at a fixed time, on a free port, with a generous budget.
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../server/index.ts";

export const TEST_NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

export function startTestSimulator(
  scenario: string,
  overrides: Partial<SimulatorOptions> = {},
): Promise<RunningSimulator> {
  return startSimulator({
    scenario,
    seed: 42,
    days: 30,
    now: TEST_NOW,
    speed: 0,
    host: "127.0.0.1",
    port: 0,
    token: "t",
    budget: 100_000,
    budgetWindowMs: 3600_000,
    ...overrides,
  });
}
