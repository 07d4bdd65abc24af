// GET /api/metrics: Pipewatch's numbers in the Prometheus text format, for alerting from
// Prometheus and Grafana. The per-pipeline numbers are those of GET /api/v1/pipelines over the
// default scope (30 days, default branch); the sync's come from lib/sync/status.ts.
import "server-only";
import type { Db } from "@/lib/db/client";
import { getSyncStatus } from "@/lib/sync/status";
import { listFlags } from "./flag-list.ts";
import { getPipelinesReport } from "./pipelines.ts";
import { serializeFamilies } from "./prometheus.ts";
import { buildFlagFamilies, buildPipelineFamilies } from "./prometheus-pipelines.ts";
import { countStoredRuns, sumGitHubUsage } from "./prometheus-queries.ts";
import { buildGitHubFamilies, buildSyncFamilies } from "./prometheus-sync.ts";
import { parseWindow, type Scope } from "./scope.ts";

/**
 * The whole exposition: pipelines, open flags, each repository's sync, requests to GitHub.
 * `pollIntervalMs` decides when a sync counts as failing (lib/sync/status.ts).
 */
export async function getPrometheusMetrics(
  db: Db,
  options: { pollIntervalMs: number; now?: Date },
): Promise<string> {
  const now = options.now ?? new Date();
  const scope: Scope = { window: parseWindow(undefined, now), branch: { kind: "default" } };
  const [report, flags, sync, runsStored, usage] = await Promise.all([
    getPipelinesReport(db, scope),
    listFlags(db, { state: "open", now }),
    getSyncStatus(db, options.pollIntervalMs, now),
    countStoredRuns(db),
    sumGitHubUsage(db),
  ]);
  return serializeFamilies([
    ...buildPipelineFamilies(report.pipelines, scope.window.text),
    ...buildFlagFamilies(flags.flags),
    ...buildSyncFamilies(sync.repositories, runsStored),
    ...buildGitHubFamilies(usage),
  ]);
}
