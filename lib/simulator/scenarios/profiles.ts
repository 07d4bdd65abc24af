// Building blocks for scenarios: the CI workflows of typical projects (Node.js, Java with
// Surefire, Android with Gradle, Python with pytest). Deploys and schedules: profiles-deploy.ts.
import type { JobSpec, StepSpec, WorkflowSpec } from "../model.ts";
import {
  type Base,
  checkout,
  gradleCache,
  MIN,
  run,
  S,
  setupJava,
  setupNode,
  upload,
  workflow,
} from "./profile-parts.ts";

export { deployWorkflow, publishWorkflow, scheduledWorkflow } from "./profiles-deploy.ts";

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
