// GET /api/v1/tests/flaky?window&branch&repo - the flaky tests over the scope (all branches by default).
import { badRequest, json, notFound, parseQuery, serverError } from "@/lib/api/http";
import { flakyTestsQuery } from "@/lib/api/queries";
import { getDb } from "@/lib/db/client";
import { listFlakyTests } from "@/lib/metrics/flaky-tests";
import { UnknownRepositoryError } from "@/lib/metrics/pipelines";
import { parseBranch, parseWindow, ScopeError } from "@/lib/metrics/scope";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, flakyTestsQuery);
  if (!parsed.ok) return parsed.response;
  try {
    // Absent: all branches (unlike the pipelines): flaky tests show on pull-request branches, and
    // a same-SHA definition is not fooled by work in progress. Empty: each default branch.
    const scope = {
      window: parseWindow(parsed.value.window, new Date()),
      branch: parseBranch(parsed.value.branch ?? "*"),
    };
    return json(await listFlakyTests(getDb(), scope, { repo: parsed.value.repo }));
  } catch (error: unknown) {
    if (error instanceof ScopeError) return badRequest(error.message, error.parameter);
    if (error instanceof UnknownRepositoryError) return notFound(error.message);
    return serverError("GET /api/v1/tests/flaky", error);
  }
}
