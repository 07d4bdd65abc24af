// GET /api/v1/runs?pipeline&branch&status&cursor&limit - runs, newest first, a page at a time.
import { badRequest, json, notFound, parseQuery, serverError } from "@/lib/api/http";
import { runsQuery } from "@/lib/api/queries";
import { getDb } from "@/lib/db/client";
import { listRuns, UnknownPipelineError } from "@/lib/metrics/run-list";
import { type BranchScope, parseBranch, ScopeError } from "@/lib/metrics/scope";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, runsQuery);
  if (!parsed.ok) return parsed.response;
  const { pipeline, branch, status, cursor, limit } = parsed.value;
  try {
    // Unlike the metrics, the run list covers every branch unless one is asked for.
    const scope: BranchScope = branch === undefined ? { kind: "all" } : parseBranch(branch);
    return json(
      await listRuns(getDb(), {
        workflowId: pipeline,
        branch: scope,
        status,
        cursor,
        limit: limit ?? 50,
      }),
    );
  } catch (error: unknown) {
    if (error instanceof ScopeError) return badRequest(error.message, error.parameter);
    if (error instanceof UnknownPipelineError) return notFound(error.message);
    return serverError("GET /api/v1/runs", error);
  }
}
