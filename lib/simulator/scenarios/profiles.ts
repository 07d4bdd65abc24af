// Building blocks for scenarios: typical jobs and workflows of real projects (a Node.js CI,
// a Java CI with Surefire, a container build and deploy, a scheduled job).
import type { CacheSpec, JobSpec, StepSpec, WorkflowSpec } from "../model.ts";

const S = 1000;
const MIN = 60 * S;

const checkout: StepSpec = {
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

function setupJava(): StepSpec {
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

function gradleCache(): StepSpec {
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

const run = (name: string, meanMs: number, role?: StepSpec["role"]): StepSpec => ({
  name,
  run: name.replace(/^Run /, ""),
  meanMs,
  role,
});

/** Uploads the test report even when tests failed, one artifact per attempt (v4 artifacts
 *  are immutable, so workflows that get re-run name them with the attempt number). */
const upload = (artifact: string): StepSpec => ({
  name: "Upload test results",
  uses: "actions/upload-artifact@v4",
  with: { name: `${artifact}-\${{ github.run_attempt }}`, path: "reports/" },
  meanMs: 3 * S,
  always: true,
});

type Base = Pick<WorkflowSpec, "id" | "createdAt"> & Partial<WorkflowSpec>;

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

function workflow(base: Base, rest: Body): WorkflowSpec {
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
export function nodeCi(base: Base, testMinutes = 3.2): WorkflowSpec {
  const jobs: JobSpec[] = [
    {
      name: "lint",
      needs: [],
      runsOn: "ubuntu-latest",
      queueMeanMs: 8 * S,
      steps: [
        checkout,
        setupNode(),
        run("Run npm ci", 25 * S),
        run("Run npm run lint", 40 * S, "build"),
      ],
    },
    {
      name: "test",
      needs: [],
      runsOn: "ubuntu-latest",
      queueMeanMs: 8 * S,
      steps: [
        checkout,
        setupNode(),
        run("Run npm ci", 25 * S),
        run("Run npm test", testMinutes * MIN, "test"),
        upload("test-results"),
      ],
    },
    {
      name: "build",
      needs: ["lint", "test"],
      runsOn: "ubuntu-latest",
      queueMeanMs: 8 * S,
      steps: [
        checkout,
        setupNode(),
        run("Run npm ci", 25 * S),
        run("Run npm run build", 70 * S, "build"),
      ],
    },
  ];
  return workflow(base, {
    name: "CI",
    path: ".github/workflows/ci.yml",
    on: { push: true, pullRequest: true },
    jobs,
    testReport: {
      format: "jest",
      suite: "unit",
      tests: 120,
      flakyTests: [],
      flakyChance: 0,
      artifactName: "test-results",
    },
  });
}

/** A Java CI with Maven and Surefire reruns (flakyFailure in the report). */
export function javaCi(base: Base, flakyTests: string[] = []): WorkflowSpec {
  return workflow(base, {
    name: "CI",
    path: ".github/workflows/maven.yml",
    on: { push: true, pullRequest: true },
    jobs: [
      {
        name: "verify",
        needs: [],
        runsOn: "ubuntu-latest",
        queueMeanMs: 10 * S,
        steps: [
          checkout,
          setupJava(),
          run("Run mvn -B verify -Dsurefire.rerunFailingTestsCount=2", 4.5 * MIN, "test"),
          upload("surefire-test-reports"),
        ],
      },
    ],
    testReport: {
      format: "surefire",
      suite: "org.acme.payments.PaymentServiceTest",
      tests: 80,
      flakyTests,
      flakyChance: 0.25,
      artifactName: "surefire-test-reports",
    },
  });
}

/** An Android-style build whose Gradle cache uses actions/cache with restore-keys. */
export function gradleCi(base: Base): WorkflowSpec {
  return workflow(base, {
    name: "Android CI",
    path: ".github/workflows/android.yml",
    on: { push: true, pullRequest: true },
    jobs: [
      {
        name: "assemble",
        needs: [],
        runsOn: "ubuntu-latest",
        queueMeanMs: 10 * S,
        steps: [
          checkout,
          setupJava(),
          gradleCache(),
          run("Run ./gradlew assembleDebug", 4 * MIN, "build"),
          run("Run ./gradlew testDebugUnitTest", 90 * S, "test"),
        ],
      },
    ],
  });
}

/** Build and push a container image, then deploy it (the deploy job has an `if:`). */
export function deployWorkflow(base: Base, name = "Deploy"): WorkflowSpec {
  return workflow(base, {
    name,
    path: `.github/workflows/${name.toLowerCase().replaceAll(" ", "-")}.yml`,
    on: { push: true },
    jobs: [
      {
        name: "build-image",
        needs: [],
        runsOn: "ubuntu-latest",
        queueMeanMs: 8 * S,
        steps: [
          checkout,
          run("Run docker build -t registry.acme.dev/app:$GITHUB_SHA .", 2 * MIN, "build"),
          run("Run docker push registry.acme.dev/app:$GITHUB_SHA", 90 * S, "push"),
        ],
      },
      {
        name: "deploy",
        needs: ["build-image"],
        runsOn: "ubuntu-latest",
        queueMeanMs: 6 * S,
        deploy: true,
        steps: [
          checkout,
          run("Run ./scripts/deploy.sh production", 60 * S, "deploy"),
          run("Run ./scripts/smoke-test.sh", 20 * S),
        ],
      },
    ],
    deploymentEnvironment: "production",
    failureRate: 0.02,
    flakyRate: 0,
  });
}

/** A scheduled maintenance job. */
export function scheduledWorkflow(
  base: Base,
  name: string,
  everyMs: number,
  minutes: number,
): WorkflowSpec {
  return workflow(base, {
    name,
    path: `.github/workflows/${name.toLowerCase().replaceAll(" ", "-")}.yml`,
    on: { schedule: { everyMs, offsetMs: 3 * MIN } },
    jobs: [
      {
        name: "run",
        needs: [],
        runsOn: "ubuntu-latest",
        queueMeanMs: 20 * S,
        steps: [
          checkout,
          run(`Run ./bin/${name.toLowerCase().replaceAll(" ", "-")}`, minutes * MIN, "build"),
        ],
      },
    ],
    failureRate: 0.01,
    flakyRate: 0,
  });
}

/** Build and push a container image in one job: the push step is the deploy job's own. */
export function publishWorkflow(base: Base, name = "Publish image"): WorkflowSpec {
  return workflow(base, {
    name,
    path: `.github/workflows/${name.toLowerCase().replaceAll(" ", "-")}.yml`,
    on: { push: true },
    jobs: [
      {
        name: "publish",
        needs: [],
        runsOn: "ubuntu-latest",
        queueMeanMs: 8 * S,
        deploy: true,
        steps: [
          checkout,
          run("Run docker build -t registry.acme.dev/images/base:$GITHUB_SHA .", 3 * MIN, "build"),
          run("Run docker push registry.acme.dev/images/base:$GITHUB_SHA", 90 * S, "push"),
        ],
      },
    ],
    failureRate: 0.02,
    flakyRate: 0,
  });
}

/** A Python CI: pip cache with a restore key (partial hits), pytest with reruns of flaky tests. */
export function pythonCi(base: Base, flakyTests: string[] = []): WorkflowSpec {
  const setupPython: StepSpec = {
    name: "Set up Python 3.12",
    uses: "actions/setup-python@v5",
    with: { "python-version": "3.12", cache: "pip" },
    meanMs: 7 * S,
    cache: {
      tool: "setup-python",
      version: "v5",
      packageManager: "pip",
      keyPrefix: "setup-python-Linux-x64-24.04-Ubuntu-python-3.12.7-pip-",
      restoreKeys: true,
      sizeBytes: 160_000_000,
    },
  };
  return workflow(base, {
    name: "CI",
    path: ".github/workflows/python.yml",
    on: { push: true, pullRequest: true },
    jobs: [
      {
        name: "pytest",
        needs: [],
        runsOn: "ubuntu-latest",
        queueMeanMs: 8 * S,
        steps: [
          checkout,
          setupPython,
          run("Run pip install -r requirements.txt", 30 * S),
          run("Run pytest --reruns 2 --junitxml=reports/junit.xml", 3 * MIN, "test"),
          upload("pytest-test-results"),
        ],
      },
    ],
    testReport: {
      format: "pytest",
      suite: "pytest",
      tests: 60,
      flakyTests,
      flakyChance: 0.2,
      artifactName: "pytest-test-results",
    },
  });
}
