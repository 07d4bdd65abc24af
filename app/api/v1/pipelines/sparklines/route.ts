// GET /api/v1/pipelines/sparklines?window&branch&repo - every pipeline's median duration, runs
// and failures per hour or day of the window, for the overview's sparklines.
import { badRequest, json, notFound, parseQuery, serverError } from "@/lib/api/http";
import { sparklinesQuery } from "@/lib/api/queries";
import { getDb } from "@/lib/db/client";
import { UnknownRepositoryError } from "@/lib/metrics/pipelines";
import { parseBranch, parseWindow, ScopeError } from "@/lib/metrics/scope";
import { getSparklines } from "@/lib/metrics/sparklines";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, sparklinesQuery);
  if (!parsed.ok) return parsed.response;
  try {
    const scope = {
      window: parseWindow(parsed.value.window, new Date()),
      branch: parseBranch(parsed.value.branch),
    };
    return json(await getSparklines(getDb(), scope, { repo: parsed.value.repo }));
  } catch (error: unknown) {
    if (error instanceof ScopeError) return badRequest(error.message, error.parameter);
    if (error instanceof UnknownRepositoryError) return notFound(error.message);
    return serverError("GET /api/v1/pipelines/sparklines", error);
  }
}
