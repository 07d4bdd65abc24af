// Building blocks for scenarios: container builds and deploys, and scheduled jobs.
import type { WorkflowSpec } from "../model.ts";
import { type Base, checkout, MIN, run, S, workflow } from "./profile-parts.ts";

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
