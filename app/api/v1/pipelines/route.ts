// GET /api/v1/pipelines?window&branch&repo - every pipeline with its metrics over the scope.
import { badRequest, json, notFound, parseQuery, serverError } from "@/lib/api/http";
import { pipelinesQuery } from "@/lib/api/queries";
import { getDb } from "@/lib/db/client";
import { UnknownRepositoryError } from "@/lib/metrics/pipelines";
import { getSharedPipelinesReport } from "@/lib/metrics/pipelines-shared";
import { ScopeError } from "@/lib/metrics/scope";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, pipelinesQuery);
  if (!parsed.ok) return parsed.response;
  try {
    return json(await getSharedPipelinesReport(getDb(), parsed.value));
  } catch (error: unknown) {
    if (error instanceof ScopeError) return badRequest(error.message, error.parameter);
    if (error instanceof UnknownRepositoryError) return notFound(error.message);
    return serverError("GET /api/v1/pipelines", error);
  }
}
