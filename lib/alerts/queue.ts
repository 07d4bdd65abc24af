// notification_deliveries as a queue. Each flag event gets one row per channel (UNIQUE
// (flag_event_id, channel), inserted with ON CONFLICT DO NOTHING, so two dispatchers deciding
// the same event agree); a dispatcher claims due rows for a while (claimed_by, claimed_until:
// a crashed one's claim runs out), sends them, and records the outcome.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { FlagKind } from "@/lib/metrics/flags/types";
import type { AlertChannel } from "./channels.ts";
import type { AlertEvent, Transition } from "./content.ts";

/** Records the channels; a channel seen for the first time is configured from now on. */
export async function registerChannels(db: Db, channels: AlertChannel[]): Promise<void> {
  for (const c of channels)
    await db.$executeRaw`
      INSERT INTO alert_channels (name, type) VALUES (${c.name}, ${c.type})
      ON CONFLICT (name) DO UPDATE SET type = EXCLUDED.type`;
}

/** A flag event that has no delivery row for the channel yet. */
export type NewEvent = {
  id: bigint;
  flagId: bigint;
  transition: Transition;
  kind: FlagKind;
  severity: "warning" | "critical";
  repo: string;
  /** Recorded before its repository's first backfill was done: history, not news. */
  backfilled: boolean;
};

/**
 * Events written since the channel was configured and not yet decided for it, oldest first.
 * Those of a repository still in its first backfill wait (except stale_data, which is about
 * the sync itself): whether they are history is known once the backfill ends.
 */
export async function listNewEvents(db: Db, channel: string, limit = 500): Promise<NewEvent[]> {
  const rows = await db.$queryRaw<
    (Omit<NewEvent, "id" | "flagId"> & { id: bigint; flag_id: bigint })[]
  >`
    SELECT e.id, e.flag_id, e.transition::text AS transition, f.kind::text AS kind,
           e.severity::text AS severity, r.full_name AS repo,
           (f.kind <> 'stale_data' AND e.recorded_at < s.backfill_done_at) AS backfilled
      FROM flag_events e
      JOIN alert_channels c ON c.name = ${channel}
      JOIN flags f ON f.id = e.flag_id
      JOIN repositories r ON r.id = f.repo_id
      LEFT JOIN sync_states s ON s.repo_id = f.repo_id
     WHERE e.recorded_at >= c.configured_at
       AND (f.kind = 'stale_data' OR s.backfill_done_at IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM notification_deliveries d
                        WHERE d.flag_event_id = e.id AND d.channel = ${channel})
     ORDER BY e.id
     LIMIT ${limit}`;
  return rows.map(({ flag_id, ...r }) => ({ ...r, flagId: flag_id }));
}

/** Whether a flag already had a notification (sent or on its way) on the channel. */
export async function wasAnnounced(db: Db, channel: string, flagId: bigint): Promise<boolean> {
  const rows = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM notification_deliveries d
      JOIN flag_events e ON e.id = d.flag_event_id
     WHERE e.flag_id = ${flagId} AND d.channel = ${channel} AND d.state <> 'suppressed'`;
  return (rows[0]?.n ?? 0) > 0;
}

/** Adds the event's row for the channel: pending, or suppressed with the reason. */
export async function insertDelivery(
  db: Db,
  eventId: bigint,
  channel: string,
  suppressedBecause: string | null,
): Promise<void> {
  const state = suppressedBecause === null ? "pending" : "suppressed";
  await db.$executeRaw`
    INSERT INTO notification_deliveries (flag_event_id, channel, state, last_error)
    VALUES (${eventId}, ${channel}, ${state}::delivery_state, ${suppressedBecause})
    ON CONFLICT (flag_event_id, channel) DO NOTHING`;
}

export type Claimed = { id: bigint; channel: string; attempts: number; event: AlertEvent };

/**
 * Claims up to `limit` due pending deliveries of `channels` until `until`. A delivery waits
 * while an earlier one about the same flag on the same channel is pending (a resolved message
 * never overtakes its opening).
 */
export async function claimDeliveries(
  db: Db,
  options: { channels: string[]; worker: string; now: Date; until: Date; limit: number },
): Promise<Claimed[]> {
  const { channels, worker, now, until, limit } = options;
  if (channels.length === 0) return [];
  const claimable = Prisma.sql`d.state = 'pending'
        AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ${now})
        AND (d.claimed_until IS NULL OR d.claimed_until < ${now})`;
  type Row = Omit<AlertEvent, "deliveryId" | "flagId" | "workflowId"> & {
    id: bigint;
    channel: string;
    attempts: number;
    flag_id: bigint;
    workflow_id: bigint | null;
  };
  const rows = await db.$queryRaw<Row[]>`
    WITH claimed AS (
      UPDATE notification_deliveries d SET claimed_by = ${worker}, claimed_until = ${until}
       WHERE d.id IN (
         SELECT d.id FROM notification_deliveries d
           JOIN flag_events e ON e.id = d.flag_event_id
          WHERE ${claimable} AND d.channel IN (${Prisma.join(channels)})
            AND NOT EXISTS (
              SELECT 1 FROM notification_deliveries o JOIN flag_events oe ON oe.id = o.flag_event_id
               WHERE o.channel = d.channel AND o.state = 'pending' AND oe.flag_id = e.flag_id
                 AND o.flag_event_id < d.flag_event_id)
          ORDER BY d.flag_event_id
          LIMIT ${limit}
            FOR UPDATE OF d SKIP LOCKED)
         AND ${claimable}
      RETURNING d.id, d.channel, d.attempts, d.flag_event_id)
    SELECT c.id, c.channel, c.attempts, e.flag_id, e.transition::text AS transition,
           f.kind::text AS kind, e.severity::text AS severity, e.message, e.at, f.since,
           r.full_name AS repo, f.workflow_id, w.name AS workflow
      FROM claimed c
      JOIN flag_events e ON e.id = c.flag_event_id
      JOIN flags f ON f.id = e.flag_id
      JOIN repositories r ON r.id = f.repo_id
      LEFT JOIN workflows w ON w.id = f.workflow_id
     ORDER BY c.flag_event_id`;
  return rows.map(({ id, channel, attempts, flag_id, workflow_id, ...event }) => ({
    id,
    channel,
    attempts,
    event: {
      ...event,
      deliveryId: String(id),
      flagId: String(flag_id),
      workflowId: workflow_id === null ? null : Number(workflow_id),
    },
  }));
}

/** Records a sent delivery (only while our claim holds). */
export async function markDelivered(db: Db, claimed: Claimed, worker: string, now: Date) {
  await db.$executeRaw`
    UPDATE notification_deliveries
       SET state = 'delivered', delivered_at = ${now}, attempts = attempts + 1, last_error = NULL,
           next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL
     WHERE id = ${claimed.id} AND claimed_by = ${worker}`;
  await db.$executeRaw`
    UPDATE alert_channels SET last_success_at = ${now} WHERE name = ${claimed.channel}`;
}

/** Records a failed attempt: tried again at `retryAt`, or failed for good when that is null. */
export async function markFailed(
  db: Db,
  claimed: Claimed,
  options: { worker: string; now: Date; error: string; retryAt: Date | null },
) {
  const { worker, now, error, retryAt } = options;
  const state = retryAt === null ? "failed" : "pending";
  await db.$executeRaw`
    UPDATE notification_deliveries
       SET state = ${state}::delivery_state, attempts = attempts + 1, last_error = ${error},
           next_attempt_at = ${retryAt}, claimed_by = NULL, claimed_until = NULL
     WHERE id = ${claimed.id} AND claimed_by = ${worker}`;
  await db.$executeRaw`
    UPDATE alert_channels SET last_failure_at = ${now}, last_error = ${error}
     WHERE name = ${claimed.channel}`;
}
