// The demo organisation: one repository per way a pipeline goes wrong, and healthy ones.
import type { RepoSpec } from "../model.ts";
import {
  deployWorkflow,
  gradleCi,
  javaCi,
  nodeCi,
  publishWorkflow,
  pythonCi,
  scheduledWorkflow,
} from "./profiles.ts";
import type { Scenario, ScenarioOptions } from "./types.ts";

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
export const ORG = "acme";

type RepoInput = Omit<
  RepoSpec,
  "id" | "owner" | "defaultBranch" | "private" | "archived" | "createdAt"
> &
  Partial<Pick<RepoSpec, "private" | "archived">>;

/** Numbers repositories and workflows with ids in GitHub's ranges. */
export function repoFactory(owner: string, start: number, createdAt: number) {
  let next = 0;
  return {
    id: () => 600_000_000 + start + next * 1_000,
    repo(input: RepoInput): RepoSpec {
      const id = 600_000_000 + start + next++ * 1_000;
      return {
        id,
        owner,
        defaultBranch: "main",
        private: true,
        archived: false,
        createdAt,
        ...input,
      };
    },
    workflowId: (repoIndex: number, workflowIndex: number) =>
      90_000_000 + start + repoIndex * 10 + workflowIndex,
  };
}

export function demoScenario({ now, days }: ScenarioOptions): Scenario {
  const start = now - days * DAY;
  const created = start - 400 * DAY;
  const f = repoFactory(ORG, 0, created);
  const w = (repoIndex: number, index: number) => ({
    id: f.workflowId(repoIndex, index),
    createdAt: created,
  });

  const repos: RepoSpec[] = [
    // Test reports kept 7 days: older artifacts are expired (410 Gone on download).
    f.repo({
      name: "api",
      pushesPerDay: 6,
      pullRequestsPerDay: 8,
      workflows: [{ ...nodeCi(w(0, 0)), artifactRetentionDays: 7 }, deployWorkflow(w(0, 1))],
    }),
    f.repo({
      name: "web",
      pushesPerDay: 5,
      pullRequestsPerDay: 6,
      workflows: [{ ...nodeCi(w(1, 0), 3.2), durationScale: { from: 1, to: 2.55 } }],
    }),
    f.repo({
      name: "payments",
      pushesPerDay: 5,
      pullRequestsPerDay: 4,
      workflows: [
        { ...javaCi(w(2, 0), ["chargeIsIdempotent", "refundTimesOut"]), flakyRate: 0.14 },
      ],
    }),
    f.repo({
      name: "mobile",
      pushesPerDay: 4,
      pullRequestsPerDay: 4,
      workflows: [
        { ...gradleCi(w(3, 0)), anomalies: [{ kind: "cache-key-broken", from: now - 6 * DAY }] },
      ],
    }),
    f.repo({
      name: "platform",
      pushesPerDay: 7,
      // A push just before the skipping starts, so the last deploy is about 16.5 hours old.
      extraPushes: [now - 16 * HOUR - 30 * 60_000, now - 14 * HOUR, now - 9 * HOUR, now - 4 * HOUR],
      pullRequestsPerDay: 3,
      workflows: [
        nodeCi(w(4, 0)),
        {
          ...deployWorkflow(w(4, 1), "Release"),
          // A cancelled or failed run would break the streak of skipped deploys the rule needs.
          cancelRate: 0,
          failureRate: 0,
          anomalies: [{ kind: "deploy-skipped", from: now - 16 * HOUR }],
        },
      ],
    }),
    f.repo({
      name: "checkout",
      pushesPerDay: 5,
      extraPushes: [now - 2 * DAY, now - 6 * HOUR],
      pullRequestsPerDay: 3,
      workflows: [
        // pytest reruns a flaky test inside the job: a flaky test, but no failed runs.
        pythonCi(w(5, 0), ["test_checkout_total_rounding"]),
        { ...deployWorkflow(w(5, 1)), anomalies: [{ kind: "stopped", from: now - 3 * DAY }] },
      ],
    }),
    f.repo({
      name: "images",
      pushesPerDay: 4,
      pullRequestsPerDay: 1,
      extraPushes: [now - 3 * HOUR],
      workflows: [
        {
          ...publishWorkflow(w(6, 0)),
          anomalies: [{ kind: "push-too-fast", from: now - 5 * HOUR, factor: 2 / 90 }],
        },
      ],
    }),
    f.repo({
      name: "legacy-tools",
      pushesPerDay: 0,
      pullRequestsPerDay: 0,
      workflows: [
        {
          ...scheduledWorkflow(w(7, 0), "Nightly cleanup", DAY, 3),
          state: "disabled_inactivity",
          updatedAt: now - 12 * DAY,
          anomalies: [{ kind: "stopped", from: now - 12 * DAY }],
        },
      ],
    }),
    f.repo({
      name: "data-pipeline",
      pushesPerDay: 1,
      pullRequestsPerDay: 0,
      // Scheduled runs share a head SHA all day, so any failure followed by a pass would be a
      // flaky SHA group: this pipeline never fails, it is only cancelled now and then.
      // It runs on a small self-hosted pool: jobs often wait minutes for a runner (queued runs).
      // A run's duration counts that wait (run_started_at to the end): 4 minutes of work and
      // ~4 of queue keep the median near 8.5 minutes, under the 10-minute slow threshold.
      workflows: [
        (() => {
          const ingest = scheduledWorkflow(w(8, 0), "Ingest", 30 * 60 * 1000, 4);
          const jobs = ingest.jobs.map((job) => ({
            ...job,
            runsOn: "self-hosted",
            queueMeanMs: 4 * 60_000,
          }));
          return { ...ingest, jobs, failureRate: 0, cancelRate: 0.04 };
        })(),
      ],
    }),
  ];

  const r = (name: string) => `${ORG}/${name}`;
  return {
    name: "demo",
    // About 2 pushes an hour in the history; 20 times that while you watch the demo.
    liveRateFactor: 20,
    description:
      "Nine repositories: healthy CI and deploys, a creeping build, a flaky suite, a broken cache key, a skipped deploy, a stalled deploy, a 2-second image push, a workflow disabled for inactivity, and a busy scheduled pipeline (1,400+ runs).",
    repos,
    truth: {
      flags: [
        {
          repo: r("web"),
          workflow: "CI",
          kind: "slow",
          severity: "warning",
          because:
            "step times scale from 1× to 2.55× over the history: about 6 → 14 min, the last 20 runs' median above 10 min but below 20",
        },
        {
          repo: r("payments"),
          workflow: "CI",
          kind: "flaky",
          severity: "warning",
          because: "14% of runs fail and pass on re-run, over about 150 head SHAs",
        },
        {
          repo: r("mobile"),
          workflow: "Android CI",
          kind: "cache_degraded",
          severity: "warning",
          because:
            "the Gradle cache key changes every run from 6 days ago: ~90% exact hits before, ≤10% partial after",
        },
        {
          repo: r("platform"),
          workflow: "Release",
          kind: "deploy_skipped",
          severity: "critical",
          because:
            "the deploy job is skipped by its if: for the last 16 hours (~4-5 runs) while build-image succeeds",
        },
        {
          repo: r("platform"),
          workflow: "Release",
          kind: "deploy_stalled",
          severity: "critical",
          because:
            "in live time: 24 hours after the last deploy (16.5 hours before the start) while pushes go on",
          from: now + 8 * HOUR,
        },
        {
          repo: r("checkout"),
          workflow: "Deploy",
          kind: "deploy_stalled",
          severity: "critical",
          because: "the deploy workflow stopped running 3 days ago while ~15 pushes landed",
        },
        {
          repo: r("images"),
          workflow: "Publish image",
          kind: "deploy_suspicious",
          severity: "warning",
          because:
            "the publish job's push step takes 2 s instead of ~90 s in the runs of the last 5 hours (one push 3 hours ago at least)",
          // Live pushes come 20 times as often (80 a day against 4): after about 34 hours the
          // 2-second pushes outnumber the usual ones of the 30 days before and are the median.
          until: now + 36 * HOUR,
        },
        {
          repo: r("legacy-tools"),
          workflow: "Nightly cleanup",
          kind: "workflow_disabled",
          severity: "critical",
          because: "state disabled_inactivity, last run 12 days ago",
        },
      ],
      healthy: [
        { repo: r("api"), workflow: "CI" },
        { repo: r("api"), workflow: "Deploy" },
        { repo: r("platform"), workflow: "CI" },
        { repo: r("checkout"), workflow: "CI" },
        { repo: r("data-pipeline"), workflow: "Ingest" },
      ],
      facts: {
        "web/CI duration at start (min)": 6.0,
        "web/CI duration at end (min)": 14.3,
        "mobile cache hit rate before break": 0.9,
        "data-pipeline runs per day": 48,
      },
    },
  };
}
