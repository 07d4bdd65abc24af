// The sync environment for the configured GitHub credentials, database and settings.
import "server-only";
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { createClientProvider } from "@/lib/github/auth";
import { DEFAULT_SYNC_OPTIONS, type SyncProgress } from "./context.ts";
import { leaseOwnerName } from "./leases.ts";
import type { SyncEnvironment } from "./sync.ts";
import { SyncTelemetry } from "./telemetry.ts";

export function createSyncEnvironment(
  config: Config,
  db: Db,
  hooks: {
    log?: (line: string) => void;
    onProgress?: (progress: SyncProgress) => void;
    /** Aborted on shutdown: GitHub requests in flight end at once. */
    signal?: AbortSignal;
  } = {},
): SyncEnvironment {
  const telemetry = new SyncTelemetry();
  const newProvider = () =>
    createClientProvider(config, {
      onExchange: telemetry.onExchange,
      log: hooks.log,
      signal: hooks.signal,
    });
  let provider = newProvider();
  return {
    db,
    clientFor: (owner) => provider.forOwner(owner),
    resetClients: () => {
      provider = newProvider();
    },
    telemetry,
    options: {
      ...DEFAULT_SYNC_OPTIONS,
      backfillDays: config.backfillDays,
      testReportPattern: config.testReportPattern,
      includeDynamicWorkflows: config.includeDynamicWorkflows,
    },
    pollIntervalMs: config.pollIntervalSeconds * 1000,
    workerId: leaseOwnerName(),
    log: hooks.log,
    onProgress: hooks.onProgress,
  };
}
