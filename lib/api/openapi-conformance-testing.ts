// Data for the OpenAPI conformance test (openapi-conformance.int.test.ts): enough of everything
// that every schema of the document meets a real value, and that each parameter's documented
// default and example give different answers (runs on two branches, inside and outside 7 days,
// more than one page of runs, open and resolved flags, a flaky test, a sync state).
import type { Db } from "@/lib/db/client";
import {
  at,
  seedFlag,
  seedRepo,
  seedRun,
  seedTestResult,
  seedWorkflow,
  T0,
} from "@/lib/metrics/testing";

export type Seeded = {
  repo: string;
  ci: number;
  /** The flaky test: failed then passed on one SHA. */
  test: { suite: string; name: string };
};

const MINUTE = 60_000;

export async function seedConformanceData(db: Db, now: Date): Promise<Seeded> {
  // seedRun places runs in minutes from T0; these are minutes before `now`.
  const ago = (m: number) => Math.round((now.getTime() - T0.getTime()) / MINUTE) - m;
  const repo = await seedRepo(db);
  const untracked = await seedRepo(db, { tracked: false });
  const ci = await seedWorkflow(db, repo, "CI");
  const nightly = await seedWorkflow(db, repo, "Nightly", ".github/workflows/nightly.yml");
  await seedWorkflow(db, untracked, "Old CI");

  await seedRun(db, repo, ci, {
    created: ago(120),
    conclusion: "success",
    minutes: 4,
    sha: "S1",
    earlier: ["failure"],
    jobs: [
      { queue: 1, conclusion: "failure", attempt: 1, htmlUrl: "https://github.com/acme/r/job/1" },
      { queue: 2, conclusion: "success", name: "test" },
      { queue: null, conclusion: "skipped", name: "deploy" },
    ],
  });
  const failed = await seedRun(db, repo, ci, {
    created: ago(60),
    conclusion: "failure",
    minutes: 2,
    jobs: [{ queue: 3, conclusion: "failure" }],
  });
  await seedRun(db, repo, ci, { created: ago(30), conclusion: null });
  await seedRun(db, repo, ci, { created: ago(10 * 1440), conclusion: "success", minutes: 6 });
  // A test failing then passing on one SHA of a feature branch: flaky on that branch only.
  const red = await seedRun(db, repo, ci, {
    created: ago(90),
    conclusion: "failure",
    branch: "feature",
    sha: "F1",
  });
  const green = await seedRun(db, repo, ci, {
    created: ago(80),
    conclusion: "success",
    branch: "feature",
    sha: "F1",
  });
  await seedTestResult(db, red, { name: "login works", outcome: "failed" });
  await seedTestResult(db, green, { name: "login works", outcome: "passed" });
  await seedTestResult(db, failed, { name: "login works", outcome: "passed" });
  // More runs than a page holds by default (50).
  for (let i = 0; i < 55; i++)
    await seedRun(db, repo, nightly, { created: ago(200 + i * 60), conclusion: "success" });

  await seedFlag(db, repo, { workflowId: ci, severity: "warning", since: at(ago(60)) });
  await seedFlag(db, repo, { severity: "critical", since: at(ago(30)) });
  await seedFlag(db, repo, {
    kind: "deploy_skipped",
    workflowId: ci,
    severity: "critical",
    since: at(ago(3000)),
    resolvedAt: at(ago(1440)),
  });

  const minutesAgo = (m: number) => new Date(now.getTime() - m * MINUTE);
  await db.syncState.create({
    data: {
      repoId: BigInt(repo),
      lastAttemptAt: minutesAgo(1),
      lastSuccessAt: minutesAgo(1),
      backfillFrom: minutesAgo(30 * 1440),
      backfillDoneAt: minutesAgo(100),
      runsExpected: 61,
      runsSynced: 61,
      requestsSpent: 321n,
      rateLimitRemaining: 4000,
      rateLimitResetAt: minutesAgo(-30),
    },
  });
  return { repo: `acme/r${repo}`, ci, test: { suite: "S", name: "login works" } };
}
