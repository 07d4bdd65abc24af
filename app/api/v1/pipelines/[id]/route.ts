// GET /api/v1/pipelines/{id}?window&branch&bucket - one pipeline's metrics, series and latest runs.
import { badRequest, json, notFound, parseQuery, serverError } from "@/lib/api/http";
import { pipelineQuery, workflowIdParam } from "@/lib/api/queries";
import { getDb } from "@/lib/db/client";
import { getPipelineDetail } from "@/lib/metrics/pipeline-detail";
import { UnknownPipelineError } from "@/lib/metrics/run-list";
import { parseBranch, parseWindow, ScopeError } from "@/lib/metrics/scope";
import { parseBucket } from "@/lib/metrics/series";

export const dynamic = "force-dynamic";

export async function GET(
  request: Request,
  context: { params: Promise<{ id: string }> },
): Promise<Response> {
  const id = workflowIdParam.safeParse((await context.params).id);
  if (!id.success) return badRequest(`id: ${id.error.issues[0]?.message ?? "is invalid"}`, "id");
  const parsed = parseQuery(request, pipelineQuery);
  if (!parsed.ok) return parsed.response;
  try {
    const window = parseWindow(parsed.value.window, new Date());
    const scope = { window, branch: parseBranch(parsed.value.branch) };
    const bucket = parseBucket(parsed.value.bucket, window);
    return json(await getPipelineDetail(getDb(), scope, id.data, bucket));
  } catch (error: unknown) {
    if (error instanceof ScopeError) return badRequest(error.message, error.parameter);
    if (error instanceof UnknownPipelineError) return notFound(error.message);
    return serverError("GET /api/v1/pipelines/{id}", error);
  }
}
