// The first data of the Overview (app/(dashboard)/page.tsx): every pipeline with its metrics and its
// sparkline over the scope the URL asks for, read on the server so the first paint is complete;
// the page's client view polls the API for the same answers afterwards.
import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getLogger } from "@/lib/log/log";
import { getPipelinesReport, type PipelinesReport } from "@/lib/metrics/pipelines";
import { parseBranch, parseWindow } from "@/lib/metrics/scope";
import { getSparklines, type SparklinesReport } from "@/lib/metrics/sparklines";

export type OverviewData =
  /** Nothing configured nor tracked: the page explains how to add a repository. */
  | { kind: "empty"; githubApiUrl: string; hasCredentials: boolean }
  | {
      kind: "ok";
      /** PIPEWATCH_REPOS as configured (`owner/name` or `owner/*`), to explain a first sync. */
      configured: string[];
      /** Absent when it could not be read: the browser asks the API, and shows its error. */
      report?: PipelinesReport;
      sparklines?: SparklinesReport;
    };

/** The Overview over `scope` (the API's window and branch parameters). */
export async function getOverviewData(scope: {
  window: string;
  branch?: string;
}): Promise<OverviewData> {
  const config = getConfig();
  const configured = config.repos.map((r) => `${r.owner}/${r.repo}`);
  const db = getDb();
  // A branch the API refuses fails both: the browser then shows the API's message.
  const read = async () => ({
    window: parseWindow(scope.window, new Date()),
    branch: parseBranch(scope.branch),
  });
  const [report, sparklines] = await Promise.allSettled([
    read().then((s) => getPipelinesReport(db, s)),
    read().then((s) => getSparklines(db, s)),
  ]);
  for (const result of [report, sparklines])
    if (result.status === "rejected")
      getLogger().error({ err: result.reason }, "the overview's first data could not be read");
  const pipelines = report.status === "fulfilled" ? report.value : undefined;
  if (configured.length === 0 && pipelines?.pipelines.length === 0)
    return {
      kind: "empty",
      githubApiUrl: config.githubApiUrl,
      hasCredentials: config.githubToken !== undefined || config.githubApp !== undefined,
    };
  return {
    kind: "ok",
    configured,
    report: pipelines,
    sparklines: sparklines.status === "fulfilled" ? sparklines.value : undefined,
  };
}
