// The first data of the pipeline page (app/(dashboard)/pipelines/[id]): the pipeline's detail and its flags,
// read on the server so the first paint is complete; the page's client components poll the API
// for the same answers afterwards.
import "server-only";
import { cache } from "react";
import { WORKFLOW_ID_PATTERN } from "@/lib/api/queries";
import { getDb } from "@/lib/db/client";
import { getLogger } from "@/lib/log/log";
import { type FlagList, listFlags } from "@/lib/metrics/flag-list";
import { getPipelineDetail, type PipelineDetail } from "@/lib/metrics/pipeline-detail";
import { UnknownPipelineError } from "@/lib/metrics/run-list";
import { parseBranch, parseWindow, ScopeError } from "@/lib/metrics/scope";
import { parseBucket } from "@/lib/metrics/series";

/** The page's scope as its URL holds it: `window` (default 30d) and `branch` ("" = default). */
export type PipelineScopeParams = { window: string; branch: string };

export const DEFAULT_WINDOW = "30d";

export type PipelinePageData =
  | { kind: "not-found" }
  | { kind: "bad-scope"; params: PipelineScopeParams; message: string; parameter: string }
  /** `detail` and `flags` are absent when they could not be read: the browser asks the API. */
  | {
      kind: "ok";
      id: string;
      params: PipelineScopeParams;
      detail?: PipelineDetail;
      flags?: FlagList;
    };

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? "";

/** The page's scope from its URL's query. */
export function readScopeParams(search: SearchParams): PipelineScopeParams {
  return { window: first(search.window) || DEFAULT_WINDOW, branch: first(search.branch) };
}

/**
 * Pipeline `id` over the scope the URL asks for, as GET /api/v1/pipelines/{id} answers it. Read
 * once per request (the page's metadata and its body ask for the same).
 */
export function getPipelinePageData(id: string, search: SearchParams): Promise<PipelinePageData> {
  const params = readScopeParams(search);
  return loadPipelinePage(id, params.window, params.branch);
}

const loadPipelinePage = cache(async function loadPipelinePage(
  id: string,
  window: string,
  branch: string,
): Promise<PipelinePageData> {
  const workflowId = Number(id);
  if (!WORKFLOW_ID_PATTERN.test(id) || !Number.isSafeInteger(workflowId))
    return { kind: "not-found" };
  const params = { window, branch };
  let scope: Parameters<typeof getPipelineDetail>[1];
  let bucket: Parameters<typeof getPipelineDetail>[3];
  try {
    const window = parseWindow(params.window, new Date());
    scope = { window, branch: parseBranch(params.branch) };
    bucket = parseBucket(undefined, window);
  } catch (error: unknown) {
    if (error instanceof ScopeError)
      return { kind: "bad-scope", params, message: error.message, parameter: error.parameter };
    throw error;
  }
  const db = getDb();
  const [detail, flags] = await Promise.allSettled([
    getPipelineDetail(db, scope, workflowId, bucket),
    listFlags(db, { state: "all", pipeline: workflowId }),
  ]);
  for (const result of [detail, flags])
    if (result.status === "rejected") {
      if (result.reason instanceof UnknownPipelineError) return { kind: "not-found" };
      getLogger().error(
        { err: result.reason, pipeline: id },
        "the pipeline page's data could not be read",
      );
    }
  return {
    kind: "ok",
    id,
    params,
    detail: detail.status === "fulfilled" ? detail.value : undefined,
    flags: flags.status === "fulfilled" ? flags.value : undefined,
  };
});
