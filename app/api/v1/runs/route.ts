// GET /api/v1/runs?pipeline&branch&status&cursor&limit - runs, newest first, a page at a time.
import { z } from "zod";
import { badRequest, json, notFound, parseQuery, serverError } from "@/lib/api/http";
import { getDb } from "@/lib/db/client";
import {
  listRuns,
  parseRunCursor,
  RUN_CONCLUSIONS,
  RUN_STATUSES,
  UnknownPipelineError,
} from "@/lib/metrics/run-list";
import { type BranchScope, parseBranch, ScopeError } from "@/lib/metrics/scope";

export const dynamic = "force-dynamic";

const query = z.object({
  pipeline: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, "must be a workflow id (a positive integer)")
    .transform(Number)
    .refine(Number.isSafeInteger, "must be a workflow id (a positive integer)")
    .optional(),
  branch: z.string().optional(),
  status: z.enum([...RUN_STATUSES, ...RUN_CONCLUSIONS]).optional(),
  cursor: z
    .string()
    .transform((text, ctx) => {
      const cursor = parseRunCursor(text);
      if (cursor) return cursor;
      ctx.addIssue({ code: "custom", message: "is not a cursor this API returned" });
      return z.NEVER;
    })
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, "must be an integer from 1 to 100")
    .transform(Number)
    .pipe(z.number().int().min(1).max(100))
    .optional(),
});

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, query);
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
