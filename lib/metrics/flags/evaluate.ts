// When flag rules run: a repository's pipeline rules after each of its syncs, and the
// freshness rule over every tracked repository on each turn of the worker (a repository whose
// sync fails is exactly the one that is not synced).
import "server-only";
import type { Db } from "@/lib/db/client";
import { slow, staleData, workflowDisabled } from "./rules-basic.ts";
import { deploySkipped, deployStalled } from "./rules-deploy.ts";
import { deploySuspicious } from "./rules-deploy-suspicious.ts";
import { cacheDegraded, flaky } from "./rules-quality.ts";
import { applyFlags, type FlagChanges } from "./store.ts";
import type { FlagKind } from "./types.ts";

const PIPELINE_KINDS: FlagKind[] = [
  "workflow_disabled",
  "slow",
  "deploy_skipped",
  "deploy_stalled",
  "deploy_suspicious",
  "flaky",
  "cache_degraded",
];
const ALL_KINDS: FlagKind[] = [...PIPELINE_KINDS, "stale_data"];

/** The rules about a repository's pipelines, after a sync of it. */
export async function evaluateRepositoryFlags(
  db: Db,
  repoId: number,
  now: Date,
): Promise<FlagChanges> {
  const candidates = [
    ...(await workflowDisabled(db, [repoId], now)),
    ...(await slow(db, [repoId])),
    ...(await deploySkipped(db, [repoId])),
    ...(await deployStalled(db, [repoId], now)),
    ...(await deploySuspicious(db, [repoId])),
    ...(await flaky(db, [repoId], now)),
    ...(await cacheDegraded(db, [repoId], now)),
  ];
  return applyFlags(db, { repoIds: [repoId], kinds: PIPELINE_KINDS }, candidates, now);
}

/**
 * stale_data over every tracked repository; and the open flags of repositories no longer
 * tracked are resolved (their rules no longer run, so nothing else would resolve them).
 */
export async function evaluateFreshness(
  db: Db,
  now: Date,
  pollIntervalMs: number,
): Promise<FlagChanges> {
  const repos = await db.repository.findMany({ select: { id: true, tracked: true } });
  const ids = repos.filter((r) => r.tracked).map((r) => Number(r.id));
  const candidates = await staleData(db, ids, now, pollIntervalMs);
  const stale = await applyFlags(db, { repoIds: ids, kinds: ["stale_data"] }, candidates, now);
  const untracked = repos.filter((r) => !r.tracked).map((r) => Number(r.id));
  const gone = await applyFlags(db, { repoIds: untracked, kinds: ALL_KINDS }, [], now);
  return {
    opened: stale.opened,
    changed: stale.changed,
    resolved: stale.resolved + gone.resolved,
  };
}
