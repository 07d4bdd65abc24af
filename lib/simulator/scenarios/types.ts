// What a scenario is: an organisation's repositories and workflows, and the ground truth a
// correct Pipewatch must find in it, stated from the scenario's own parameters.
import type { RepoSpec } from "../model.ts";

export type ExpectedFlag = {
  /** owner/name */
  repo: string;
  /** Workflow name; null for repository-wide flags. */
  workflow: string | null;
  kind:
    | "slow"
    | "deploy_stalled"
    | "deploy_skipped"
    | "deploy_suspicious"
    | "workflow_disabled"
    | "flaky"
    | "cache_degraded";
  severity: "warning" | "critical";
  /** Why the scenario expects it, in words. */
  because: string;
  /** Simulated times between which the flag is expected (live time changes the truth:
   *  a deploy skipped long enough is also stalled, a fast push repeated often enough becomes
   *  the median). Absent: from the start, for good. */
  from?: number;
  until?: number;
};

export type ScenarioTruth = {
  flags: ExpectedFlag[];
  /** Pipelines that must raise no flag at all. */
  healthy: { repo: string; workflow: string }[];
  /** Key numbers a correct implementation should land near, keyed by a short name. */
  facts: Record<string, number | string>;
};

export type Scenario = {
  name: string;
  description: string;
  repos: RepoSpec[];
  truth: ScenarioTruth;
  /** Live time is this many times busier than the history (default 1). */
  liveRateFactor?: number;
};

export type ScenarioOptions = {
  /** The simulated "now" when the simulator starts. */
  now: number;
  /** Days of history before `now`. */
  days: number;
};
