// Alerts run beside the sync in every worker (`npx pipewatch worker`, or the web app's own):
// each one's dispatcher takes its share of the deliveries, so none is special.
import "server-only";
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { describeError } from "@/lib/errors";
import { type AlertChannel, loadAlertChannels } from "./channels.ts";
import { createAlertDispatcher } from "./dispatcher.ts";

/** How often a worker looks for new flag events and due retries. */
export const ALERT_INTERVAL_MS = 5_000;

/** Sends alerts to `channels` until `signal` aborts; resolves at once when there are none. */
export async function runAlerts(
  config: Config,
  channels: AlertChannel[],
  db: Db,
  options: { workerId: string; signal: AbortSignal; log: (line: string) => void },
): Promise<void> {
  const { workerId, signal, log } = options;
  if (channels.length === 0) return;
  // Names and types only: a channel's URL is a secret.
  log(`alerts: sending to ${channels.map((c) => `${c.name} (${c.type})`).join(", ")}`);
  const dispatcher = createAlertDispatcher({
    db,
    channels,
    publicUrl: config.publicUrl,
    workerId,
    log,
  });
  try {
    await dispatcher.run(signal, ALERT_INTERVAL_MS);
  } finally {
    dispatcher.close();
  }
}

/**
 * runAlerts for the web app's worker: a problem (a bad alerts file) is logged, never thrown.
 * Resolves once it has stopped.
 */
export function startAlerts(
  config: Config,
  db: Db,
  options: { workerId: string; signal: AbortSignal; log: (line: string) => void },
): Promise<void> {
  const { log } = options;
  return Promise.resolve()
    .then(() => runAlerts(config, loadAlertChannels(config), db, options))
    .catch((error: unknown) => log(`alerts do not run: ${describeError(error)}`));
}
