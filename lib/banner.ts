// The first data of the banner every page carries (components/layout/data-banner.tsx): the open
// stale_data flags and the sync report, read on the server so the first paint is complete.
import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getLogger } from "@/lib/log/log";
import { type FlagList, listFlags } from "@/lib/metrics/flag-list";
import { getSyncReport, type SyncReport } from "@/lib/sync/sync-report";

export type BannerData = { stale?: FlagList; sync?: SyncReport };

/** Empty when the database cannot be read: the banner's own polling then reports it. */
export async function getBannerData(): Promise<BannerData> {
  try {
    const db = getDb();
    const [stale, sync] = await Promise.all([
      listFlags(db, { state: "open", kind: "stale_data" }),
      getSyncReport(db, getConfig().pollIntervalSeconds * 1000),
    ]);
    return { stale, sync };
  } catch (error: unknown) {
    getLogger().error({ err: error }, "the banner's data could not be read");
    return {};
  }
}
