// One react-query hook per endpoint of /api/v1, typed by the server modules' own response
// types (imported as types only: nothing of the server reaches the browser).
"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ListedFlag } from "@/lib/metrics/flag-list";
import type { FlakyTestsReport } from "@/lib/metrics/flaky-tests";
import type { PipelineDetail } from "@/lib/metrics/pipeline-detail";
import type { PipelinesReport } from "@/lib/metrics/pipelines";
import type { RunPage } from "@/lib/metrics/run-list";
import type { SparklinesReport } from "@/lib/metrics/sparklines";
import type { TestHistory } from "@/lib/metrics/test-history";
import type { SyncReport } from "@/lib/sync/sync-report";
import { fetchJson, type QueryParams } from "./fetch-json.ts";
import { DASHBOARD_REFRESH_MS } from "./intervals.ts";
import { queryKeys } from "./keys.ts";

type Options<T> = { initialData?: T; refetchInterval?: number | false };

function useApiQuery<T>(
  key: readonly unknown[],
  path: string,
  params: QueryParams,
  options: Options<T>,
) {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => fetchJson<T>(path, params, signal),
    initialData: options.initialData,
    refetchInterval: options.refetchInterval ?? DASHBOARD_REFRESH_MS,
    // A new filter keeps the old rows on screen until the new ones arrive: no flicker.
    placeholderData: keepPreviousData,
  });
}

export type PipelinesParams = { window?: string; branch?: string; repo?: string };

/** GET /api/v1/pipelines */
export function usePipelinesQuery(params: PipelinesParams, options: Options<PipelinesReport> = {}) {
  return useApiQuery(queryKeys.pipelines(params), "/api/v1/pipelines", params, options);
}

/** GET /api/v1/pipelines/sparklines (the same scope parameters as the list) */
export function useSparklinesQuery(
  params: PipelinesParams,
  options: Options<SparklinesReport> = {},
) {
  return useApiQuery(queryKeys.sparklines(params), "/api/v1/pipelines/sparklines", params, options);
}

export type PipelineParams = { window?: string; branch?: string; bucket?: "hour" | "day" };

/** GET /api/v1/pipelines/{id} */
export function usePipelineQuery(
  id: string,
  params: PipelineParams,
  options: Options<PipelineDetail> = {},
) {
  const path = `/api/v1/pipelines/${encodeURIComponent(id)}`;
  return useApiQuery(queryKeys.pipeline(id, params), path, params, options);
}

export type RunsParams = {
  pipeline?: string;
  branch?: string;
  status?: string;
  cursor?: string;
  limit?: number;
};

/** GET /api/v1/runs (one page) */
export function useRunsQuery(params: RunsParams, options: Options<RunPage> = {}) {
  return useApiQuery(queryKeys.runs(params), "/api/v1/runs", params, options);
}

export type FlagsParams = {
  state?: "open" | "all";
  repo?: string;
  kind?: string;
  /** A workflow id: that pipeline's flags and its repository's. */
  pipeline?: string;
};

/** GET /api/v1/flags */
export function useFlagsQuery(params: FlagsParams, options: Options<{ flags: ListedFlag[] }> = {}) {
  return useApiQuery(queryKeys.flags(params), "/api/v1/flags", params, options);
}

export type FlakyTestsParams = { window?: string; branch?: string; repo?: string };

/** GET /api/v1/tests/flaky */
export function useFlakyTestsQuery(
  params: FlakyTestsParams,
  options: Options<FlakyTestsReport> = {},
) {
  return useApiQuery(queryKeys.flakyTests(params), "/api/v1/tests/flaky", params, options);
}

export type TestHistoryParams = { repo: string; suite: string; name: string; window?: string };

/** GET /api/v1/tests/history */
export function useTestHistoryQuery(params: TestHistoryParams, options: Options<TestHistory> = {}) {
  return useApiQuery(queryKeys.testHistory(params), "/api/v1/tests/history", params, options);
}

/** GET /api/v1/sync */
export function useSyncQuery(options: Options<SyncReport> = {}) {
  return useApiQuery(queryKeys.sync(), "/api/v1/sync", {}, options);
}
