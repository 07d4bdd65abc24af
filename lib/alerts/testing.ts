// Helpers for alert tests: channels aimed at local receivers, flags raised by hand, and a
// repository whose first backfill is done.
import type { Db } from "@/lib/db/client";
import { applyFlags } from "@/lib/metrics/flags/store";
import type { Candidate } from "@/lib/metrics/flags/types";
import type { AlertChannel, ChannelFilter } from "./channels.ts";

export const SECRET = "test-secret-0123456789";
export const PUBLIC_URL = "https://pipewatch.example.com";

const EVERYTHING: ChannelFilter = { minSeverity: "warning", repositories: [] };

export function slackChannel(name: string, url: string, more: Partial<AlertChannel> = {}) {
  return {
    name,
    type: "slack",
    url,
    filter: EVERYTHING,
    quietHours: undefined,
    timeZone: "UTC",
    ...more,
  } as AlertChannel;
}

export function webhookChannel(name: string, url: string, more: Partial<AlertChannel> = {}) {
  return { ...slackChannel(name, url, more), type: "webhook", secret: SECRET } as AlertChannel;
}

/** Marks the repository's first backfill done now (by the database's clock, as finishSync does). */
export async function markBackfilled(db: Db, repoId: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO sync_states (repo_id, backfill_done_at, updated_at) VALUES (${BigInt(repoId)}, now(), now())
    ON CONFLICT (repo_id) DO UPDATE SET backfill_done_at = now()`;
}

/** Raises exactly `candidates` among the `slow` flags of `repoId` (others resolve). */
export async function raise(
  db: Db,
  repoId: number,
  candidates: Partial<Candidate>[],
  at = new Date(),
) {
  const full = candidates.map(
    (c): Candidate => ({
      kind: "slow",
      severity: "warning",
      repoId,
      workflowId: null,
      since: new Date(at.getTime() - 3 * 3_600_000),
      message: "The median of the last 20 runs is 14m 10s, above the 10m threshold.",
      detail: {},
      ...c,
    }),
  );
  return applyFlags(db, { repoIds: [repoId], kinds: ["slow"] }, full, at);
}
