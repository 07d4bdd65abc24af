// The steps and workflow defaults the scenario profiles share (profiles.ts, profiles-deploy.ts).
import type { CacheSpec, StepSpec, WorkflowSpec } from "../model.ts";

export const S = 1000;
export const MIN = 60 * S;

export const checkout: StepSpec = {
  name: "Run actions/checkout@v4",
  uses: "actions/checkout@v4",
  meanMs: 3 * S,
};

export function setupNode(cache = true): StepSpec {
  const spec: CacheSpec = {
    tool: "setup-node",
    version: "v4",
    packageManager: "npm",
    keyPrefix: "node-cache-Linux-x64-npm-",
    restoreKeys: false,
    sizeBytes: 95_000_000,
  };
  return {
    name: "Set up Node.js",
    uses: "actions/setup-node@v4",
    with: cache ? { "node-version": "20", cache: "npm" } : { "node-version": "20" },
    meanMs: 6 * S,
    cache: cache ? spec : undefined,
  };
}

export function setupJava(): StepSpec {
  return {
    name: "Set up JDK 21",
    uses: "actions/setup-java@v4",
    with: { distribution: "temurin", "java-version": "21", cache: "maven" },
    meanMs: 8 * S,
    cache: {
      tool: "setup-java",
      version: "v4",
      packageManager: "maven",
      keyPrefix: "setup-java-Linux-x64-maven-",
      restoreKeys: false,
      sizeBytes: 240_000_000,
    },
  };
}

export function gradleCache(): StepSpec {
  return {
    name: "Cache Gradle",
    uses: "actions/cache@v4",
    with: {
      path: "~/.gradle/caches",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, as written in a workflow
      key: "gradle-${{ hashFiles('**/*.gradle*') }}",
      "restore-keys": "gradle-",
    },
    meanMs: 12 * S,
    cache: {
      tool: "actions/cache",
      version: "v4",
      keyPrefix: "gradle-Linux-",
      restoreKeys: true,
      sizeBytes: 410_000_000,
    },
  };
}

export const run = (name: string, meanMs: number, role?: StepSpec["role"]): StepSpec => ({
  name,
  run: name.replace(/^Run /, ""),
  meanMs,
  role,
});

/** Uploads the test report even when tests failed, one artifact per attempt (v4 artifacts
 *  are immutable, so workflows that get re-run name them with the attempt number). */
export const upload = (artifact: string): StepSpec => ({
  name: "Upload test results",
  uses: "actions/upload-artifact@v4",
  with: { name: `${artifact}-\${{ github.run_attempt }}`, path: "reports/" },
  meanMs: 3 * S,
  always: true,
});

export type Base = Pick<WorkflowSpec, "id" | "createdAt"> & Partial<WorkflowSpec>;

type Defaulted =
  | "updatedAt"
  | "state"
  | "anomalies"
  | "failureRate"
  | "flakyRate"
  | "cancelRate"
  | "artifactRetentionDays";
type Body = Omit<WorkflowSpec, "id" | "createdAt" | Defaulted> &
  Partial<Pick<WorkflowSpec, Defaulted>>;

export function workflow(base: Base, rest: Body): WorkflowSpec {
  return {
    state: "active",
    updatedAt: base.createdAt,
    anomalies: [],
    failureRate: 0.04,
    flakyRate: 0.01,
    cancelRate: 0.02,
    artifactRetentionDays: 90,
    ...rest,
    ...base,
  };
}

/** A Node.js CI: lint and test in parallel, then build; about 6 minutes. */
