// The query (and path) parameters each JSON route accepts, as zod schemas parsed by parseQuery.
// Kept out of the route files, which Next allows to export only handlers and segment config,
// so that the OpenAPI document's tests can compare its parameters with them.
import "server-only";
import { z } from "zod";
import { FlagKind } from "@/lib/db/generated/enums";
import { parseRunCursor, RUN_CONCLUSIONS, RUN_STATUSES } from "@/lib/metrics/run-list";
import { BUCKETS } from "@/lib/metrics/series";

/** `owner/name`, as GitHub allows them. */
export const REPO_PATTERN = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;
/** A workflow id: a positive integer of at most 16 digits (then checked to be a safe integer). */
export const WORKFLOW_ID_PATTERN = /^[1-9]\d{0,15}$/;

const repo = z.string().regex(REPO_PATTERN, "must be owner/name").optional();

/** A workflow id in a path or a query: the number it spells. */
export const workflowIdParam = z
  .string()
  .regex(WORKFLOW_ID_PATTERN, "must be a workflow id (a positive integer)")
  .transform(Number)
  .refine(Number.isSafeInteger, "must be a workflow id (a positive integer)");

/** The 400 of a value that is not one of `values`: it lists them. */
const oneOf = (values: readonly string[]) => ({ error: `must be one of ${values.join(", ")}` });

/** No parameters: any is a mistake, answered 400 naming it (Prometheus scrapes a fixed URL). */
export const noQuery = z.object({});

/** GET /api/v1/pipelines */
export const pipelinesQuery = z.object({
  window: z.string().optional(),
  branch: z.string().optional(),
  repo,
});

/** GET /api/v1/pipelines/sparklines */
export const sparklinesQuery = pipelinesQuery;

/** GET /api/v1/pipelines/{id} */
export const pipelineQuery = z.object({
  window: z.string().optional(),
  branch: z.string().optional(),
  bucket: z.enum(BUCKETS, oneOf(BUCKETS)).optional(),
});

/** GET /api/v1/runs */
export const runsQuery = z.object({
  pipeline: workflowIdParam.optional(),
  branch: z.string().optional(),
  status: z
    .enum([...RUN_STATUSES, ...RUN_CONCLUSIONS], oneOf([...RUN_STATUSES, ...RUN_CONCLUSIONS]))
    .optional(),
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
    .pipe(
      z
        .number()
        .int()
        .min(1, "must be an integer from 1 to 100")
        .max(100, "must be an integer from 1 to 100"),
    )
    .optional(),
});

/** GET /api/v1/flags */
export const flagsQuery = z.object({
  state: z.enum(["open", "all"], oneOf(["open", "all"])).optional(),
  repo,
  kind: z.enum(Object.values(FlagKind), oneOf(Object.values(FlagKind))).optional(),
  pipeline: workflowIdParam.optional(),
});

/** GET /api/v1/tests/flaky */
export const flakyTestsQuery = z.object({
  window: z.string().optional(),
  branch: z.string().optional(),
  repo,
});

/** A test's suite or name: anything but NUL. */
export const TEST_FIELD_PATTERN = /^[^\0]*$/;

/** A test's suite or name, as its report spelled it. */
const testField = z
  .string({ error: "is required" })
  .min(1, "must not be empty")
  .max(2000, "must be at most 2000 characters")
  // PostgreSQL's text cannot hold NUL, so no stored test is named with one (and the query fails).
  .regex(TEST_FIELD_PATTERN, "must not contain a NUL character");

/** GET /api/v1/tests/history */
export const testHistoryQuery = z.object({
  repo: z.string({ error: "is required (owner/name)" }).regex(REPO_PATTERN, "must be owner/name"),
  suite: testField,
  name: testField,
  window: z.string().optional(),
});
