// GET /api/v1/pipelines/{id}: one pipeline as GET /api/v1/pipelines shows it, plus its metrics
// per bucket of the window and its latest runs with their attempts and jobs.
import "server-only";
import type { Db } from "@/lib/db/client";
import { getPipelinesReport, type Pipeline, type PipelinesReport } from "./pipelines.ts";
import { listRecentRuns, type RunDetail } from "./recent-runs.ts";
import { UnknownPipelineError } from "./run-list.ts";
import type { Scope } from "./scope.ts";
import { type Bucket, getSeries, type SeriesPoint } from "./series.ts";

export type PipelineDetail = {
  generatedAt: string;
  window: PipelinesReport["window"];
  bucket: Bucket;
  pipeline: Pipeline;
  series: SeriesPoint[];
  /** The latest 50 runs on the scope's branch, not limited to the window. */
  runs: RunDetail[];
};

/**
 * Pipeline `workflowId` over `scope`, with its series in `bucket`s. Throws UnknownPipelineError
 * when it is not a workflow of a tracked repository.
 */
export async function getPipelineDetail(
  db: Db,
  scope: Scope,
  workflowId: number,
  bucket: Bucket,
): Promise<PipelineDetail> {
  const [report, series, runs] = await Promise.all([
    getPipelinesReport(db, scope, { workflowId }),
    getSeries(db, scope, workflowId, bucket),
    listRecentRuns(db, workflowId, scope.branch),
  ]);
  const pipeline = report.pipelines[0];
  if (!pipeline)
    throw new UnknownPipelineError(`no pipeline ${workflowId} in a tracked repository`);
  return {
    generatedAt: report.generatedAt,
    window: report.window,
    bucket,
    pipeline,
    series,
    runs,
  };
}
