// Two weeks of hand-made history for the digest's tests: 2026-W46 and 2026-W47 (UTC), the
// week before T0's (lib/metrics/testing.ts). CI gets twice as slow and flaky in W47; Deploy
// deploys twice in W47 and once in W46; a flag opens in W47.
import type { Db } from "@/lib/db/client";
import * as metrics from "@/lib/metrics/testing";

const { at, seedFlag, seedRepo, seedRun, seedTestResult, seedWorkflow } = metrics;

/** Minutes from T0 (Thursday 26 November 12:00 UTC) to Monday 16 November 00:00, W47's start. */
export const W47 = -(10 * 24 + 12) * 60;
export const W46 = W47 - 7 * 24 * 60;
const DAY = 24 * 60;

export type DigestHistory = { repo: number; ci: number; deploy: number };

export async function seedDigestHistory(db: Db): Promise<DigestHistory> {
  const repo = await seedRepo(db);
  const ci = await seedWorkflow(db, repo, "CI");
  const deploy = await seedWorkflow(db, repo, "Deploy", ".github/workflows/deploy.yml");
  for (const day of [1, 2, 3])
    await seedRun(db, repo, ci, { created: W46 + day * DAY, conclusion: "success", minutes: 5 });
  for (const day of [1, 2, 3])
    await seedRun(db, repo, ci, { created: W47 + day * DAY, conclusion: "success", minutes: 10 });
  // A test that fails then passes on one commit: flaky in W47.
  const failed = await seedRun(db, repo, ci, {
    created: W47 + 4 * DAY,
    conclusion: "failure",
    minutes: 10,
    sha: "flaky-sha",
  });
  const passed = await seedRun(db, repo, ci, {
    created: W47 + 4 * DAY + 60,
    conclusion: "success",
    minutes: 10,
    sha: "flaky-sha",
  });
  await seedTestResult(db, failed, { name: "logs in", outcome: "failed" });
  await seedTestResult(db, passed, { name: "logs in", outcome: "passed" });
  const deployJob = [{ queue: 1, conclusion: "success", name: "deploy", done: 3 }];
  for (const created of [W46 + 2 * DAY, W47 + 1 * DAY, W47 + 5 * DAY])
    await seedRun(db, repo, deploy, {
      created,
      conclusion: "success",
      minutes: 2,
      jobs: deployJob,
    });
  const flag = await seedFlag(db, repo, {
    kind: "slow",
    severity: "warning",
    workflowId: ci,
    openedAt: at(W47 + 4 * DAY),
    message: "CI is slow: p50 10m 00s",
  });
  await db.flagEvent.create({
    data: {
      flagId: BigInt(flag),
      transition: "opened",
      severity: "warning",
      message: "CI is slow: p50 10m 00s",
      at: at(W47 + 4 * DAY),
    },
  });
  return { repo, ci, deploy };
}

/** A moment in W48, after W47 is complete (T0 itself). */
export const NOW = metrics.T0;
