// GET /api/v1/tests/history?repo&suite&name&window - one test's results, newest first (every branch).
import { badRequest, json, notFound, parseQuery, serverError } from "@/lib/api/http";
import { testHistoryQuery } from "@/lib/api/queries";
import { getDb } from "@/lib/db/client";
import { UnknownRepositoryError } from "@/lib/metrics/pipelines";
import { parseWindow, ScopeError } from "@/lib/metrics/scope";
import { getTestHistory } from "@/lib/metrics/test-history";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, testHistoryQuery);
  if (!parsed.ok) return parsed.response;
  const { repo, suite, name, window } = parsed.value;
  try {
    return json(
      await getTestHistory(getDb(), parseWindow(window, new Date()), { repo, suite, name }),
    );
  } catch (error: unknown) {
    if (error instanceof ScopeError) return badRequest(error.message, error.parameter);
    if (error instanceof UnknownRepositoryError) return notFound(error.message);
    return serverError("GET /api/v1/tests/history", error);
  }
}
