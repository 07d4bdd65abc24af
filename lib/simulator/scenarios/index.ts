// The scenarios `pipewatch sim --scenario <name>` knows: the demo organisation, each of its
// repositories on its own (named for what goes wrong there), and the scale scenarios.
import { demoScenario } from "./demo.ts";
import { busyScenario, largeScenario } from "./large.ts";
import type { Scenario, ScenarioOptions } from "./types.ts";

export type { ExpectedFlag, Scenario, ScenarioOptions, ScenarioTruth } from "./types.ts";

/** Single-repository scenarios cut out of the demo. */
const DEMO_PARTS: Record<string, string> = {
  healthy: "api",
  slow: "web",
  flaky: "payments",
  "cache-broken": "mobile",
  "deploy-skipped": "platform",
  "deploy-stalled": "checkout",
  "push-too-fast": "images",
  "disabled-schedule": "legacy-tools",
  scheduled: "data-pipeline",
};

function demoPart(name: string, repoName: string, options: ScenarioOptions): Scenario {
  const demo = demoScenario(options);
  const full = `acme/${repoName}`;
  return {
    name,
    description: `The demo's ${full} alone.`,
    repos: demo.repos.filter((repo) => repo.name === repoName),
    truth: {
      flags: demo.truth.flags.filter((flag) => flag.repo === full),
      healthy: demo.truth.healthy.filter((pipeline) => pipeline.repo === full),
      facts: {},
    },
  };
}

export const SCENARIO_NAMES = ["demo", "large", "busy", ...Object.keys(DEMO_PARTS)];

/** Builds the named scenario; null for an unknown name. */
export function buildScenario(name: string, options: ScenarioOptions): Scenario | null {
  if (name === "demo") return demoScenario(options);
  if (name === "large") return largeScenario(options);
  if (name === "busy") return busyScenario(options);
  const repo = DEMO_PARTS[name];
  return repo ? demoPart(name, repo, options) : null;
}
