// The daily retention pass beside the sync worker (PIPEWATCH_RETENTION_DAYS): a minute after
// start, then every day, by one worker at a time (its lease).
import "server-only";
import type { Db } from "@/lib/db/client";
import { withLease } from "@/lib/sync/leases";
import { sleep } from "@/lib/sync/worker";
import { type PruneResult, pruneHistory } from "./prune.ts";

const FIRST_AFTER_MS = 60_000;
const EVERY_MS = 24 * 3600 * 1000;
const LEASE_MS = 10 * 60_000;

/**
 * Prunes every day until `signal` aborts; resolves once the pass in progress has stopped (at
 * once when retention is off: `days` null).
 */
export async function runRetention(
  db: Db,
  options: {
    days: number | null;
    workerId: string;
    signal: AbortSignal;
    onPruned: (result: PruneResult, durationMs: number) => void;
    onError: (error: unknown) => void;
  },
): Promise<void> {
  const { signal, days } = options;
  if (days === null) return;
  await sleep(FIRST_AFTER_MS, signal);
  while (!signal.aborted) {
    const started = performance.now();
    try {
      const held = await withLease(db, "retention", options.workerId, LEASE_MS, (lost) =>
        pruneHistory(db, { days, signal: AbortSignal.any([signal, lost]) }),
      );
      if (held) options.onPruned(held.value, Math.round(performance.now() - started));
    } catch (error: unknown) {
      options.onError(error);
    }
    await sleep(EVERY_MS, signal);
  }
}
