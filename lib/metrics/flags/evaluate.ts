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
  const kinds: FlagKind[] = [
    "workflow_disabled",
    "slow",
    "deploy_skipped",
    "deploy_stalled",
    "deploy_suspicious",
    "flaky",
    "cache_degraded",
  ];
  return applyFlags(db, { repoIds: [repoId], kinds }, candidates, now);
}

/** stale_data over every tracked repository. */
export async function evaluateFreshness(
  db: Db,
  now: Date,
  pollIntervalMs: number,
): Promise<FlagChanges> {
  const repos = await db.repository.findMany({ where: { tracked: true }, select: { id: true } });
  const ids = repos.map((r) => Number(r.id));
  const candidates = await staleData(db, ids, now, pollIntervalMs);
  return applyFlags(db, { repoIds: ids, kinds: ["stale_data"] }, candidates, now);
}
