// The alert dispatcher, run by every worker every few seconds: decides which new flag events
// each channel is told about, then sends the due deliveries it manages to claim. Several
// dispatchers (workers, restarts) share the work through the database: a delivery row is
// created once per event and channel, and sent by whoever holds its claim.
//
// Flag events are read from flag_events rather than queued by the flag store: the store stays
// a record of what happened, the channels (configuration, which may change) are known here
// only, and a channel added later is decided from the same table.
import "server-only";
import type { Db } from "@/lib/db/client";
import { describeError } from "@/lib/errors";
import { type AlertChannel, channelAccepts } from "./channels.ts";
import {
  claimDeliveries,
  insertDelivery,
  listNewEvents,
  markDelivered,
  markFailed,
  type NewEvent,
  registerChannels,
  wasAnnounced,
} from "./queue.ts";
import { isQuietAt } from "./quiet-hours.ts";
import { createSenders, DeliveryError, type Senders, sendAlert } from "./send.ts";

export type DispatcherOptions = {
  db: Db;
  channels: AlertChannel[];
  publicUrl: string;
  workerId: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** Attempts before a delivery is marked failed (default 10: about three hours of trying). */
  maxAttempts?: number;
  /** The first retry's delay; each next one doubles, up to an hour (default 30 s). */
  retryBaseMs?: number;
  /** How long a claim holds: longer than a send can take (default 2 minutes). */
  claimMs?: number;
  senders?: Senders;
};

export type DispatchResult = { delivered: number; failed: number; suppressed: number };

/** Why a channel is not told about an event, or null when it is. */
function suppression(event: NewEvent, channel: AlertChannel, announced: boolean): string | null {
  if (event.transition === "improved")
    return "improved: not sent (the flag is still open; its resolution will be)";
  if (event.transition === "resolved")
    return announced ? null : "resolved: its opening was not sent to this channel";
  if (event.backfilled) return "raised while the repository's history was being backfilled";
  if (!channelAccepts(channel.filter, event.severity, event.repo))
    return `not for this channel (${event.severity} on ${event.repo})`;
  return null;
}

/** The delay before retry number `attempt` (1-based): base × 2^(attempt-1), at most an hour. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), 60 * 60_000);
}

export type AlertDispatcher = {
  /** One round: decide new events, then send what is due. */
  runOnce: () => Promise<DispatchResult>;
  /** Rounds every `intervalMs` until `signal` aborts; errors are logged, never thrown. */
  run: (signal: AbortSignal, intervalMs?: number) => Promise<void>;
  close: () => void;
};

export function createAlertDispatcher(options: DispatcherOptions): AlertDispatcher {
  const { db, channels, publicUrl, workerId } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const maxAttempts = options.maxAttempts ?? 10;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const claimMs = options.claimMs ?? 120_000;
  const senders = options.senders ?? createSenders();
  const byName = new Map(channels.map((c) => [c.name, c]));
  let registered = false;

  async function decide(): Promise<number> {
    let suppressed = 0;
    for (const channel of channels) {
      const announced = new Set<bigint>();
      for (const event of await listNewEvents(db, channel.name)) {
        const known =
          announced.has(event.flagId) || (await wasAnnounced(db, channel.name, event.flagId));
        const because = suppression(event, channel, known);
        await insertDelivery(db, event.id, channel.name, because);
        if (because === null) announced.add(event.flagId);
        else suppressed++;
      }
    }
    return suppressed;
  }

  async function runOnce(): Promise<DispatchResult> {
    if (!registered) {
      await registerChannels(db, channels);
      registered = true;
    }
    const result: DispatchResult = { delivered: 0, failed: 0, suppressed: await decide() };
    const at = now();
    // Quiet hours hold a channel's deliveries: they stay pending and go out when the hours end.
    const open = channels
      .filter((c) => !isQuietAt(at, c.quietHours, c.timeZone))
      .map((c) => c.name);
    const claimed = await claimDeliveries(db, {
      channels: open,
      worker: workerId,
      now: at,
      until: new Date(at.getTime() + claimMs),
      limit: 50,
    });
    for (const delivery of claimed) {
      const channel = byName.get(delivery.channel);
      if (!channel) continue;
      try {
        await sendAlert(channel, delivery.event, publicUrl, senders);
        await markDelivered(db, delivery, workerId, now());
        result.delivered++;
      } catch (error: unknown) {
        const message =
          error instanceof DeliveryError
            ? error.message
            : `could not send: ${describeError(error)}`;
        const attempt = delivery.attempts + 1;
        const failedAt = now();
        const retryAt =
          attempt >= maxAttempts
            ? null
            : new Date(failedAt.getTime() + retryDelayMs(attempt, retryBaseMs));
        await markFailed(db, delivery, {
          worker: workerId,
          now: failedAt,
          error: message,
          retryAt,
        });
        log(
          `alert to ${channel.name} failed (attempt ${attempt}${retryAt ? "" : ", giving up"}): ${message}`,
        );
        result.failed++;
      }
    }
    return result;
  }

  async function run(signal: AbortSignal, intervalMs = 5_000): Promise<void> {
    while (!signal.aborted) {
      try {
        await runOnce();
      } catch (error: unknown) {
        log(`alerts: ${describeError(error)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        signal.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  }

  return { runOnce, run, close: () => senders.close() };
}
