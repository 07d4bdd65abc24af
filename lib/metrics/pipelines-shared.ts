// The pipelines report as GET /api/v1/pipelines and the TV wall ask for it: by the request's
// own parameters, one computation shared by the identical requests that arrive while it runs.
// A wall of TVs (or 50 browsers) polling the same scope costs one report per moment, which keeps
// the database free for the sync worker (`npm run bench:load` measures it).
import "server-only";
import type { Db } from "@/lib/db/client";
import { getPipelinesReport, type PipelinesReport } from "./pipelines.ts";
import { parseBranch, parseWindow } from "./scope.ts";
import { singleFlight } from "./single-flight.ts";

export type PipelinesReportParams = { window?: string; branch?: string; repo?: string };

const flight = singleFlight<PipelinesReport>();

/**
 * The report for `params` (ScopeError for a bad window or branch, UnknownRepositoryError for an
 * unknown repo), joined to a computation of the same parameters already running, if any. A
 * joined answer is at most one computation old; its `generatedAt` says when it was computed.
 */
export async function getSharedPipelinesReport(
  db: Db,
  params: PipelinesReportParams,
  now = new Date(),
): Promise<PipelinesReport> {
  // Parsed first: a bad parameter is this request's own error, never a joined one.
  const scope = { window: parseWindow(params.window, now), branch: parseBranch(params.branch) };
  const key = JSON.stringify([params.window ?? "", params.branch ?? "", params.repo ?? ""]);
  return flight(db, key, () => getPipelinesReport(db, scope, { repo: params.repo }));
}
