// The first data of the TV wall (app/tv/page.tsx): every pipeline over the default scope and the
// open flags with their numbers, read on the server so the first paint is complete; the wall
// polls the same two endpoints afterwards (GET /api/v1/pipelines, GET /api/v1/flags?state=open).
import "server-only";
import { getDb } from "@/lib/db/client";
import { getLogger } from "@/lib/log/log";
import { type FlagList, listFlags } from "@/lib/metrics/flag-list";
import type { PipelinesReport } from "@/lib/metrics/pipelines";
import { getSharedPipelinesReport } from "@/lib/metrics/pipelines-shared";

/** Either part is absent when it could not be read: the wall's polling then says why. */
export type WallData = { report?: PipelinesReport; flags?: FlagList };

export async function getWallData(): Promise<WallData> {
  const db = getDb();
  const [report, flags] = await Promise.allSettled([
    // The wall's own polls ask GET /api/v1/pipelines with no parameter: the same computation.
    getSharedPipelinesReport(db, {}),
    listFlags(db, { state: "open" }),
  ]);
  for (const result of [report, flags])
    if (result.status === "rejected")
      getLogger().error({ err: result.reason }, "the TV wall's first data could not be read");
  return {
    report: report.status === "fulfilled" ? report.value : undefined,
    flags: flags.status === "fulfilled" ? flags.value : undefined,
  };
}
