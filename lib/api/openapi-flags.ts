// The OpenAPI schemas of GET /api/v1/flags and GET /api/v1/tests/flaky: flags raised by the
// rules, and the tests that were flaky over the scope (docs/metrics.md).
import { FlagKind } from "@/lib/db/generated/enums";
import type { FlagList, ListedFlag } from "@/lib/metrics/flag-list";
import type { FlakyTest, FlakyTestsReport } from "@/lib/metrics/flaky-tests";
import { FLAG_SEVERITIES } from "./openapi-pipelines.ts";
import {
  arrayOf,
  count,
  dateTime,
  enumOf,
  id,
  METRICS_DOC,
  nullable,
  object,
  ref,
  string,
} from "./openapi-schema.ts";
import type { JsonSchema } from "./openapi-types.ts";

const FlagSchema = object<ListedFlag>(
  `A condition a rule raised on a pipeline or a repository (${METRICS_DOC}#flags).`,
  {
    id: id("The flag's id."),
    kind: enumOf(Object.values(FlagKind), "The rule that raised it."),
    severity: enumOf(FLAG_SEVERITIES, "How bad."),
    repo: string("The repository, owner/name."),
    workflowId: nullable({
      type: "integer",
      minimum: 1,
      description: "The pipeline's workflow id; null for a repository-wide flag (stale_data).",
    }),
    pipeline: nullable(string("The workflow's name; null for a repository-wide flag.")),
    since: dateTime("When the condition began, according to the data."),
    openedAt: dateTime("When Pipewatch raised the flag."),
    resolvedAt: nullable(dateTime("When it was resolved; null while open.")),
    message: string("One sentence a person can act on."),
    detail: {
      type: "object",
      additionalProperties: true,
      description: "The rule's evidence (free-form, by kind): thresholds, runs, durations.",
    },
  },
);

const FlagListSchema = object<FlagList>("Flags of the tracked repositories.", {
  flags: arrayOf(
    ref("Flag"),
    "Open flags (critical first, newest since first), then with state=all those resolved in the last 90 days (newest first, at most 200).",
  ),
});

const FlakyTestSchema = object<FlakyTest>(
  `A test (suite and name in one repository) that was flaky in scope (${METRICS_DOC}#flakiness).`,
  {
    suite: string("The test suite."),
    name: string("The test case."),
    repo: string("The repository, owner/name."),
    pipelines: arrayOf(
      object<FlakyTest["pipelines"][number]>("A pipeline in which the test was flaky.", {
        workflowId: { type: "integer", minimum: 1, description: "The workflow id." },
        name: string("The workflow's name."),
      }),
      "The pipelines in which it was flaky (not every one it ran in).",
    ),
    flakyShas: count("Head SHAs on which, within one pipeline, it both failed and passed."),
    retriedPasses: count("Results that passed after a retry inside one job."),
    failures: count("Results failed or error in scope, in any pipeline of its repository."),
    passes: count("Results passed or flaky in scope, in any pipeline of its repository."),
    lastSeenAt: dateTime("created_at of the latest run in scope with a result of it."),
    lastFlakyAt: dateTime("created_at of the latest run in scope with evidence of flakiness."),
  },
);

const FlakyTestsReportSchema = object<FlakyTestsReport>(
  "The flaky tests of the tracked repositories (or of one), flakiest first.",
  {
    generatedAt: dateTime("When the report was computed."),
    window: ref("Window"),
    branch: nullable(string("`*`: all branches; a branch name; null: each default branch.")),
    total: count("Flaky tests in scope; `tests` holds the first 200."),
    tests: arrayOf(ref("FlakyTest"), "Most flaky SHAs plus retried passes first."),
  },
);

export const flagSchemas: Record<string, JsonSchema> = {
  Flag: FlagSchema,
  FlagList: FlagListSchema,
  FlakyTest: FlakyTestSchema,
  FlakyTestsReport: FlakyTestsReportSchema,
};
