// The Overview's client view: the filters, the summary strip and the pipelines, from the server's
// first data, then polled (react-query, every 30 s) without flicker: the rows keep their keys
// and the page its scroll; a new scope keeps the old rows (dimmed) until its own arrive.
"use client";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { ParamNotice } from "@/components/ui/param-notice";
import { useHydrated } from "@/components/ui/time-ago";
import { formatTimeOfDay } from "@/lib/format";
import type { PipelinesReport } from "@/lib/metrics/pipelines";
import type { SparklinesReport } from "@/lib/metrics/sparklines";
import { usePipelinesQuery, useSparklinesQuery } from "@/lib/queries/hooks";
import styles from "./overview.module.css";
import { OverviewFilters } from "./overview-filters.tsx";
import {
  FIRST_DIR,
  type OverviewParams,
  overviewParamProblems,
  overviewQueryString,
  type SortKey,
  scopeOf,
} from "./overview-params.ts";
import { FirstSync, LoadError, NoMatch, RefreshFailed } from "./overview-states.tsx";
import { OverviewSummary } from "./overview-summary.tsx";
import { PipelineTable } from "./pipeline-table.tsx";
import { filterPipelines, sortPipelines } from "./sort-pipelines.ts";
import { summarize } from "./summarize.ts";
import { useOverviewParams } from "./use-overview-params.ts";

const WINDOW_TEXT: Record<string, string> = {
  "24h": "24 hours",
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
};

type Props = {
  /** The scope the server's first data is for (its URL's). */
  serverScope: { window: string; branch?: string };
  initialReport?: PipelinesReport;
  initialSparklines?: SparklinesReport;
  /** PIPEWATCH_REPOS as configured, to explain an empty first sync. */
  configured: string[];
};

function describeScope(params: OverviewParams): string {
  const branch =
    params.branch === ""
      ? "each repository's default branch"
      : params.branch === "*"
        ? "all branches"
        : `branch ${params.branch}`;
  return `Runs of the last ${WINDOW_TEXT[params.window]} on ${branch}.`;
}

export function OverviewView({ serverScope, initialReport, initialSparklines, configured }: Props) {
  const [params, setParams] = useOverviewParams();
  // What the address holds that the view ignored; gone once a control rewrites the address.
  const search = useSearchParams();
  const problems = useMemo(() => overviewParamProblems((name) => search.get(name)), [search]);
  const scope = scopeOf(params);
  // The server's data is the first data of its own scope only, never of another one.
  const first = scope.window === serverScope.window && scope.branch === serverScope.branch;
  const report = usePipelinesQuery(scope, { initialData: first ? initialReport : undefined });
  const sparklines = useSparklinesQuery(scope, {
    initialData: first ? initialSparklines : undefined,
  });
  const hydrated = useHydrated();
  const data = report.data;
  const now = data ? Date.parse(data.generatedAt) : 0;

  const shown = useMemo(
    () =>
      data
        ? sortPipelines(filterPipelines(data.pipelines, params), params.sort, params.dir, now)
        : [],
    [data, params, now],
  );
  const repos = useMemo(() => [...new Set(data?.pipelines.map((p) => p.repo))].sort(), [data]);
  const points = useMemo(
    () => new Map(sparklines.data?.pipelines.map((p) => [p.id, p.points])),
    [sparklines.data],
  );
  const onSort = (key: SortKey) =>
    setParams(
      key === params.sort
        ? { dir: params.dir === "asc" ? "desc" : "asc" }
        : { sort: key, dir: FIRST_DIR[key] },
    );
  const scopeQuery = overviewQueryString({
    ...params,
    repo: "",
    flagged: false,
    q: "",
    sort: "attention",
    dir: "desc",
  });
  const stale = report.isPlaceholderData;

  return (
    <div data-generated-at={data?.generatedAt}>
      <div className={styles.heading}>
        <h1>Pipelines</h1>
        <p className={styles.scope}>{describeScope(params)}</p>
        <p className={styles.updated}>
          {data && (
            <span title={`Data computed ${data.generatedAt}; it refreshes every 30 seconds`}>
              Updated{" "}
              <time dateTime={data.generatedAt}>
                {hydrated
                  ? formatTimeOfDay(data.generatedAt)
                  : `${formatTimeOfDay(data.generatedAt, { timeZone: "UTC" })} UTC`}
              </time>
            </span>
          )}
          <span className={styles.refreshing} data-active={report.isFetching} aria-hidden="true">
            {stale ? "Loading…" : "Refreshing…"}
          </span>
        </p>
      </div>
      <ParamNotice problems={problems} />
      <OverviewFilters params={params} setParams={setParams} repos={repos} />
      {!data && report.isError && (
        <LoadError error={report.error} onRetry={() => void report.refetch()} />
      )}
      {!data && !report.isError && (
        <p className={styles.loading} role="status">
          Loading the pipelines…
        </p>
      )}
      {data && (
        <>
          <OverviewSummary
            stale={stale}
            summary={summarize(shown)}
            total={data.pipelines.length}
            windowText={WINDOW_TEXT[params.window] ?? params.window}
          />
          {report.isError && (
            <RefreshFailed error={report.error} onRetry={() => void report.refetch()} />
          )}
          {data.pipelines.length === 0 ? (
            <FirstSync configured={configured} />
          ) : shown.length === 0 ? (
            <NoMatch onClear={() => setParams({ repo: "", flagged: false, q: "" })} />
          ) : (
            <PipelineTable
              pipelines={shown}
              sparklines={points}
              bucket={sparklines.data?.bucket ?? "day"}
              now={now}
              scopeQuery={scopeQuery}
              sort={params.sort}
              dir={params.dir}
              onSort={onSort}
              stale={stale}
            />
          )}
        </>
      )}
    </div>
  );
}
