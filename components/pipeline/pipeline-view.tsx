// The pipeline page's live part: polls GET /api/v1/pipelines/{id} and the pipeline's flags
// (starting from what the server read), and lays the page out. The window and branch live in
// the URL (the server reads them), so a reload or a shared link shows the same view.
"use client";
import { ParamNotice, type ParamProblem } from "@/components/ui/param-notice";
import type { FlagList } from "@/lib/metrics/flag-list";
import type { PipelineDetail } from "@/lib/metrics/pipeline-detail";
import type { PipelineScopeParams } from "@/lib/pipeline-page";
import { useFlagsQuery, usePipelineQuery } from "@/lib/queries/hooks";
import { HeadlineNumbers } from "./headline-numbers";
import styles from "./pipeline.module.css";
import { PipelineCharts } from "./pipeline-charts";
import { PipelineFlags } from "./pipeline-flags";
import { PipelineHeader } from "./pipeline-header";
import { RunsTable } from "./runs-table";
import { SuccessTimeline } from "./success-timeline";
import { LoadError, LoadingPipeline } from "./view-states";

type Props = {
  id: string;
  params: PipelineScopeParams;
  initialDetail?: PipelineDetail;
  initialFlags?: FlagList;
  /** The address's parameters the page ignored. */
  problems: ParamProblem[];
};

export function PipelineView({ id, params, initialDetail, initialFlags, problems }: Props) {
  const detailQuery = usePipelineQuery(
    id,
    { window: params.window, branch: params.branch || undefined },
    { initialData: initialDetail },
  );
  const flagsQuery = useFlagsQuery({ state: "all", pipeline: id }, { initialData: initialFlags });
  const detail = detailQuery.data;
  if (!detail)
    return detailQuery.isError ? (
      <LoadError error={detailQuery.error} onRetry={() => detailQuery.refetch()} />
    ) : (
      <LoadingPipeline />
    );
  const now = Date.parse(detail.generatedAt);
  const { pipeline } = detail;
  return (
    <main className={styles.page} data-testid="pipeline-page">
      <PipelineHeader detail={detail} params={params} id={id} refreshError={detailQuery.error} />
      <ParamNotice problems={problems} />
      <HeadlineNumbers pipeline={pipeline} now={now} />
      <PipelineCharts detail={detail} />
      <SuccessTimeline runs={detail.runs} now={now} branch={params.branch} />
      <PipelineFlags
        flags={flagsQuery.data?.flags}
        error={flagsQuery.data ? null : flagsQuery.error}
        now={now}
      />
      <RunsTable runs={detail.runs} repo={pipeline.repo} now={now} />
    </main>
  );
}
