// GET /api/v1/flags?state&repo&kind&pipeline - open flags; state=all adds those resolved in the
// last 90 days.
import { json, notFound, parseQuery, serverError } from "@/lib/api/http";
import { flagsQuery } from "@/lib/api/queries";
import { getDb } from "@/lib/db/client";
import { listFlags } from "@/lib/metrics/flag-list";
import { UnknownRepositoryError } from "@/lib/metrics/pipelines";
import { UnknownPipelineError } from "@/lib/metrics/run-list";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, flagsQuery);
  if (!parsed.ok) return parsed.response;
  try {
    return json(await listFlags(getDb(), parsed.value));
  } catch (error: unknown) {
    if (error instanceof UnknownRepositoryError || error instanceof UnknownPipelineError)
      return notFound(error.message);
    return serverError("GET /api/v1/flags", error);
  }
}
