// The query and path parameters of the OpenAPI document, with the rules the routes enforce
// (lib/api/queries.ts, and parseWindow/parseBranch/parseBucket behind them).
import { FlagKind } from "@/lib/db/generated/enums";
import { RUN_CONCLUSIONS, RUN_STATUSES } from "@/lib/metrics/run-list";
import { BUCKETS } from "@/lib/metrics/series";
import { METRICS_DOC } from "./openapi-schema.ts";
import type { ParameterObject, Reference } from "./openapi-types.ts";
import { REPO_PATTERN } from "./queries.ts";

const SCOPE = `${METRICS_DOC}#scope-of-every-query`;

/** A workflow id as the routes read it (WORKFLOW_ID_PATTERN): 1 to 2^53 − 1, no leading zero. */
const workflowId = { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER } as const;

/** Parameters shared by several operations, referenced as `#/components/parameters/...`. */
export const sharedParameters: Record<string, ParameterObject> = {
  Window: {
    name: "window",
    in: "query",
    required: false,
    description: `Runs created in the last N hours (\`24h\`) or days (\`7d\`), from 1h to 400d (${SCOPE}).`,
    schema: { type: "string", pattern: "^[0-9]{1,5}[hd]$", default: "30d" },
    example: "7d",
  },
  Repo: {
    name: "repo",
    in: "query",
    required: false,
    description: "One tracked repository, owner/name (any case); 404 when it is not tracked.",
    schema: { type: "string", pattern: REPO_PATTERN.source },
    example: "acme/api",
  },
};

export const parameterRef = (name: keyof typeof sharedParameters): Reference => ({
  $ref: `#/components/parameters/${name}`,
});

const BRANCH_RULES =
  "A branch name as git allows it (at most 255 characters; no whitespace, control character, `~^:?*[\\`, `..` or `@{`; not starting or ending with `/`, not ending with `.lock`)";

/** parseBranch's rules (lib/metrics/scope.ts) as a pattern: `*`, or a name git allows, or empty. */
const BRANCH_PATTERN =
  "^(?:\\*|(?!/)(?!.*/$)(?!.*\\.\\.)(?!.*@\\{)(?!.*\\.lock$)[^\\s~^:?*\\[\\\\\\u0000-\\u001f\\u007f]*)$";

/** The branch parameter; `absent` says what leaving it out means for this operation. */
export function branchParameter(absent: string, fallback?: string): ParameterObject {
  return {
    name: "branch",
    in: "query",
    required: false,
    description: `${BRANCH_RULES}, \`*\` for all branches, or empty for each repository's default branch. Absent: ${absent} (${SCOPE}).`,
    schema: {
      type: "string",
      pattern: BRANCH_PATTERN,
      maxLength: 255,
      ...(fallback === undefined ? {} : { default: fallback }),
    },
    example: "main",
  };
}

export const pipelineIdParameter: ParameterObject = {
  name: "id",
  in: "path",
  required: true,
  description: "The pipeline: its workflow id (the `workflowId` of GET /api/v1/pipelines).",
  schema: workflowId,
  example: 1234,
};

export const bucketParameter: ParameterObject = {
  name: "bucket",
  in: "query",
  required: false,
  description:
    "The series' bucket. Absent: `hour` for windows up to 48h, else `day`; `hour` is refused for windows above 14d.",
  schema: { type: "string", enum: BUCKETS },
  example: "day",
};

export const runsParameters: ParameterObject[] = [
  {
    name: "pipeline",
    in: "query",
    required: false,
    description: "Only the runs of this pipeline (workflow id); 404 when it is not tracked.",
    schema: workflowId,
    example: 1234,
  },
  branchParameter("every branch", "*"),
  {
    name: "status",
    in: "query",
    required: false,
    description:
      "A status keeps the runs whose latest attempt has it; a conclusion keeps the completed runs that concluded so.",
    schema: { type: "string", enum: [...RUN_STATUSES, ...RUN_CONCLUSIONS] },
    example: "failure",
  },
  {
    name: "cursor",
    in: "query",
    required: false,
    description: "The `nextCursor` of the previous page (opaque); 400 for any other value.",
    schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,100}$" },
    example: "MjAyNi0xMS0yNlQxMjowMDowMC4wMDBaXzEyMzQ",
  },
  {
    name: "limit",
    in: "query",
    required: false,
    description: "Runs per page.",
    schema: { type: "integer", minimum: 1, maximum: 100, default: 50 },
    example: 20,
  },
];

export const flagsParameters: (ParameterObject | Reference)[] = [
  {
    name: "state",
    in: "query",
    required: false,
    description:
      "`open`: open flags; `all`: also those resolved in the last 90 days (at most 200).",
    schema: { type: "string", enum: ["open", "all"], default: "open" },
    example: "all",
  },
  parameterRef("Repo"),
  {
    name: "kind",
    in: "query",
    required: false,
    description: `Only flags of this kind (${METRICS_DOC}#flags).`,
    schema: { type: "string", enum: Object.values(FlagKind) },
    example: "slow",
  },
  {
    name: "pipeline",
    in: "query",
    required: false,
    description:
      "Only the flags GET /api/v1/pipelines shows on this pipeline (workflow id): its own and its repository's repository-wide ones; 404 when it is not tracked.",
    schema: workflowId,
    example: 1234,
  },
];
