// Scale scenarios: `busy`, one repository with thousands of runs (pagination and the 1,000
// result cap), and `large`, 250 pipelines for the TV wall and the load tests.
import type { Anomaly, RepoSpec, WorkflowSpec } from "../model.ts";
import { repoFactory } from "./demo.ts";
import { deployWorkflow, gradleCi, javaCi, nodeCi, scheduledWorkflow } from "./profiles.ts";
import type { ExpectedFlag, Scenario, ScenarioOptions } from "./types.ts";

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export function busyScenario({ now, days }: ScenarioOptions): Scenario {
  const created = now - (days + 400) * DAY;
  const f = repoFactory("acme", 500_000, created);
  const repo = f.repo({
    name: "monorepo",
    pushesPerDay: 100,
    pullRequestsPerDay: 0,
    workflows: [
      {
        ...nodeCi({ id: f.workflowId(0, 0), createdAt: created }),
        flakyRate: 0,
        failureRate: 0.02,
      },
    ],
  });
  return {
    name: "busy",
    description: `One repository with about ${100 * days} runs (100 pushes a day): pagination and the 1,000-result cap.`,
    repos: [repo],
    truth: {
      flags: [],
      healthy: [{ repo: "acme/monorepo", workflow: "CI" }],
      facts: { "runs per day": 100 },
    },
  };
}

type Trouble = {
  anomaly: (now: number) => Anomaly | null;
  patch?: Partial<WorkflowSpec>;
  flag: Omit<ExpectedFlag, "repo" | "workflow" | "because"> & { because: string };
};

/** One kind of trouble per tenth repository, on its deploy or CI pipeline. */
const TROUBLES: Trouble[] = [
  {
    anomaly: (now) => ({ kind: "deploy-skipped", from: now - 16 * HOUR }),
    flag: {
      kind: "deploy_skipped",
      severity: "critical",
      because: "deploy job skipped for 16 hours",
    },
  },
  {
    anomaly: (now) => ({ kind: "stopped", from: now - 3 * DAY }),
    flag: { kind: "deploy_stalled", severity: "critical", because: "deploy stopped 3 days ago" },
  },
  {
    anomaly: () => null,
    patch: { durationScale: { from: 2.4, to: 2.6 } },
    flag: { kind: "slow", severity: "warning", because: "CI takes about 14 minutes" },
  },
];

export function largeScenario({ now, days }: ScenarioOptions): Scenario {
  const created = now - (days + 400) * DAY;
  const f = repoFactory("acme-large", 1_000_000, created);
  const repos: RepoSpec[] = [];
  const flags: ExpectedFlag[] = [];
  const healthy: Scenario["truth"]["healthy"] = [];
  for (let i = 0; i < 50; i++) {
    const w = (index: number) => ({ id: f.workflowId(i, index), createdAt: created });
    const workflows = [
      // No flakes here: with 60 SHA groups a month, a few random flakes could cross the
      // flaky rule's 5% and the ground truth says these pipelines are healthy.
      { ...nodeCi(w(0)), flakyRate: 0 },
      { ...deployWorkflow(w(1)), failureRate: 0, cancelRate: 0 },
      { ...gradleCi(w(2)), flakyRate: 0 },
      { ...javaCi(w(3)), flakyRate: 0 },
      { ...scheduledWorkflow(w(4), "Nightly", DAY, 4), failureRate: 0 },
    ];
    const name = `service-${String(i + 1).padStart(2, "0")}`;
    const trouble = i % 10 === 9 ? TROUBLES[Math.floor(i / 10) % TROUBLES.length] : undefined;
    if (trouble) {
      const target = trouble.flag.kind === "slow" ? 0 : 1;
      const anomaly = trouble.anomaly(now);
      const spec = workflows[target];
      if (spec) {
        workflows[target] = { ...spec, ...trouble.patch, anomalies: anomaly ? [anomaly] : [] };
        flags.push({ repo: `acme-large/${name}`, workflow: spec.name, ...trouble.flag });
      }
    }
    const extraPushes = [now - 14 * HOUR, now - 9 * HOUR, now - 4 * HOUR];
    repos.push(f.repo({ name, pushesPerDay: 2, pullRequestsPerDay: 1, extraPushes, workflows }));
    for (const spec of workflows) {
      if (
        !flags.some((flag) => flag.repo === `acme-large/${name}` && flag.workflow === spec.name)
      ) {
        healthy.push({ repo: `acme-large/${name}`, workflow: spec.name });
      }
    }
  }
  return {
    name: "large",
    description: "50 repositories, 250 pipelines, a few of them in trouble.",
    repos,
    truth: { flags, healthy, facts: { pipelines: 250 } },
  };
}
