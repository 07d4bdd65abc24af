// Each alert channel's health for the status page and GET /api/v1/sync: when it last delivered,
// when it last failed and why (in words: never its URL or secret), what waits and what gave up.
// An alerting path that fails silently is the failure Pipewatch exists to prevent.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { AlertChannel, ChannelType } from "./channels.ts";

export type AlertChannelStatus = {
  name: string;
  type: ChannelType;
  /** failing: its last attempt failed (or deliveries gave up since its last success). */
  state: "ok" | "failing" | "idle";
  configuredAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  /** Deliveries waiting (to be retried, or for quiet hours to end). */
  pending: number;
  /** Deliveries given up since the last success. */
  failed: number;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The status of every configured channel, in configuration order. */
export async function getAlertChannelStatus(
  db: Db,
  channels: AlertChannel[],
): Promise<AlertChannelStatus[]> {
  if (channels.length === 0) return [];
  const names = channels.map((c) => c.name);
  const [rows, counts] = await Promise.all([
    db.alertChannel.findMany({ where: { name: { in: names } } }),
    db.$queryRaw<{ channel: string; pending: number; failed: number }[]>`
      SELECT d.channel,
             count(*) FILTER (WHERE d.state = 'pending')::int AS pending,
             count(*) FILTER (WHERE d.state = 'failed'
                                AND (c.last_success_at IS NULL
                                     OR d.created_at > c.last_success_at))::int AS failed
        FROM notification_deliveries d
        LEFT JOIN alert_channels c ON c.name = d.channel
       WHERE d.channel = ANY(${names}) AND d.state IN ('pending', 'failed')
       GROUP BY d.channel`,
  ]);
  return channels.map((channel): AlertChannelStatus => {
    const row = rows.find((r) => r.name === channel.name);
    const count = counts.find((c) => c.channel === channel.name);
    const success = row?.lastSuccessAt ?? null;
    const failure = row?.lastFailureAt ?? null;
    const failed = count?.failed ?? 0;
    const failing = (failure !== null && (success === null || failure > success)) || failed > 0;
    return {
      name: channel.name,
      type: channel.type,
      state: failing ? "failing" : success ? "ok" : "idle",
      configuredAt: iso(row?.configuredAt ?? null),
      lastSuccessAt: iso(success),
      lastFailureAt: iso(failure),
      lastError: row?.lastError ?? null,
      pending: count?.pending ?? 0,
      failed,
    };
  });
}
