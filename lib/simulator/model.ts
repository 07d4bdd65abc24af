// The simulated world, in our own terms: what a scenario declares (specs) and what the
// generator derives from it (runs and their attempts). The HTTP layer renders these into
// GitHub's JSON shapes (lib/simulator/github); nothing here knows about HTTP.
//
// Times are epoch milliseconds. Everything is a pure function of the scenario, the seed and
// the simulated clock: a run's status is derived from its timestamps and "now", which is how
// live mode moves without mutating anything.

import type { CacheTool } from "./job-log.ts";
import type { JUnitFormat } from "./junit.ts";

export type WorkflowState =
  | "active"
  | "disabled_inactivity"
  | "disabled_manually"
  | "disabled_fork"
  | "deleted";

export type CacheSpec = {
  tool: CacheTool;
  version: string;
  packageManager?: string;
  /** Primary keys are `<keyPrefix><hash>`; the hash changes now and then (a lockfile edit). */
  keyPrefix: string;
  /** Whether restore-keys (the prefix) are configured, which makes partial hits possible. */
  restoreKeys: boolean;
  /** Bytes of the cached archive. */
  sizeBytes: number;
};

/** What a step is for, where a rule or an anomaly needs to find it. */
export type StepRole = "push" | "deploy" | "test" | "build";

export type StepSpec = {
  name: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  /** Typical duration; the generator varies it by ±15%. */
  meanMs: number;
  cache?: CacheSpec;
  role?: StepRole;
  /** `if: always()`: runs even after an earlier step failed. */
  always?: boolean;
};

export type JobSpec = {
  name: string;
  needs: string[];
  runsOn: string;
  steps: StepSpec[];
  /** Typical wait for a runner. */
  queueMeanMs: number;
  /** The deploy job: guarded by an `if:` that an anomaly can make false. */
  deploy?: boolean;
};

/** Things that go wrong silently, from a point in time on. */
export type Anomaly =
  /** The cache key stopped matching: every restore is a miss from `from` on. */
  | { kind: "cache-key-broken"; from: number }
  /** The deploy job is skipped by its `if:` in every run from `from` on. */
  | { kind: "deploy-skipped"; from: number }
  /** The push/deploy step "succeeds" in a fraction of its usual time from `from` on. */
  | { kind: "push-too-fast"; from: number; factor: number }
  /** No run is triggered after `from` (workflow stopped running while pushes continue). */
  | { kind: "stopped"; from: number };

export type Triggers = {
  push?: boolean;
  pullRequest?: boolean;
  /** Scheduled every `everyMs`, offset `offsetMs` from midnight UTC. */
  schedule?: { everyMs: number; offsetMs: number };
};

export type TestReportSpec = {
  format: JUnitFormat;
  suite: string;
  /** Number of test cases per report. */
  tests: number;
  /** Names of the tests that fail on a first try now and then. */
  flakyTests: string[];
  /** Probability that a flaky test fails a try. */
  flakyChance: number;
  artifactName: string;
};

export type WorkflowSpec = {
  id: number;
  name: string;
  path: string;
  state: WorkflowState;
  createdAt: number;
  updatedAt: number;
  on: Triggers;
  jobs: JobSpec[];
  /** Probability that an attempt fails for real (fails again on a re-run). */
  failureRate: number;
  /** Probability that an attempt fails, then passes when re-run (same run, next attempt). */
  flakyRate: number;
  cancelRate: number;
  /** Step durations scale linearly from `from` to `to` over the history (a creeping build). */
  durationScale?: { from: number; to: number };
  anomalies: Anomaly[];
  testReport?: TestReportSpec;
  /** Successful deploy jobs create a GitHub deployment in this environment. */
  deploymentEnvironment?: string;
  /** Days after which this workflow's artifacts expire (GitHub's default: 90). */
  artifactRetentionDays: number;
};

export type RepoSpec = {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  archived: boolean;
  createdAt: number;
  /** Commits landing on the default branch per day (each triggers push workflows). */
  pushesPerDay: number;
  /** Pull-request updates per day. */
  pullRequestsPerDay: number;
  /** No pushes after this time (a quiet repository). */
  quietFrom?: number;
  /** Pushes at these exact times, besides the random ones: a scenario's guarantee that runs
   *  exist where its ground truth needs them (e.g. after an anomaly began). */
  extraPushes?: number[];
  workflows: WorkflowSpec[];
};

/** A commit that triggered workflows. */
export type SimEvent = {
  kind: "push" | "pull_request" | "schedule";
  at: number;
  sha: string;
  branch: string;
  actor: string;
  message: string;
  pullRequest?: number;
};

export type Conclusion = "success" | "failure" | "cancelled" | "skipped" | "timed_out";

/** The fate of one attempt, decided when the run is generated. */
export type AttemptPlan = {
  number: number;
  createdAt: number;
  outcome: "success" | "failure" | "cancelled";
  /** When set, which job fails (index in the workflow's jobs). */
  failingJob?: number;
};

export type SimRun = {
  id: number;
  repoId: number;
  workflowId: number;
  runNumber: number;
  event: SimEvent;
  createdAt: number;
  attempts: AttemptPlan[];
};

export type StepInstance = {
  number: number;
  name: string;
  spec?: StepSpec;
  post?: boolean;
  startedAt: number | null;
  completedAt: number | null;
  conclusion: "success" | "failure" | "skipped" | "cancelled";
  cache?: import("./job-log.ts").CacheUse;
};

export type JobInstance = {
  id: number;
  name: string;
  spec: JobSpec;
  runAttempt: number;
  createdAt: number;
  startedAt: number;
  completedAt: number;
  conclusion: "success" | "failure" | "skipped" | "cancelled";
  runnerName: string | null;
  labels: string[];
  steps: StepInstance[];
};

/** An attempt with all its jobs laid out in time. */
export type AttemptInstance = {
  run: SimRun;
  number: number;
  createdAt: number;
  startedAt: number;
  completedAt: number;
  conclusion: Conclusion;
  jobs: JobInstance[];
};
