// The OpenAPI parameters and schemas of GET /api/v1/tests/history: one test's results, for the
// history behind each line of GET /api/v1/tests/flaky.
import { TestOutcome } from "@/lib/db/generated/enums";
import {
  TEST_HISTORY_LIMIT,
  TEST_MESSAGE_LIMIT,
  type TestHistory,
  type TestHistoryResult,
} from "@/lib/metrics/test-history";
import { parameterRef } from "./openapi-parameters.ts";
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
import type { JsonSchema, ParameterObject, Reference } from "./openapi-types.ts";
import { REPO_PATTERN, TEST_FIELD_PATTERN } from "./queries.ts";

const testField = (what: string, example: string): ParameterObject => ({
  name: what,
  in: "query",
  required: true,
  description: `The test's ${what}, exactly as GET /api/v1/tests/flaky lists it.`,
  schema: { type: "string", minLength: 1, maxLength: 2000, pattern: TEST_FIELD_PATTERN.source },
  example,
});

export const testHistoryParameters: (ParameterObject | Reference)[] = [
  {
    name: "repo",
    in: "query",
    required: true,
    description: "The test's repository, owner/name (any case); 404 when it is not tracked.",
    schema: { type: "string", pattern: REPO_PATTERN.source },
    example: "acme/payments",
  },
  testField("suite", "org.acme.payments.PaymentServiceTest"),
  testField("name", "refundTimesOut"),
  parameterRef("Window"),
];

const TestHistoryResultSchema = object<TestHistoryResult>("One result of the test.", {
  runId: id("The workflow run's id."),
  runNumber: count("The run's number in its workflow."),
  workflowId: { type: "integer", minimum: 1, description: "The pipeline's workflow id." },
  pipeline: string("The workflow's name."),
  headSha: string("The commit the run tested."),
  branch: nullable(string("The run's head branch; null when GitHub gave none.")),
  attempt: nullable({
    type: "integer",
    minimum: 1,
    description: "The run attempt whose test report holds the result; null when unknown.",
  }),
  outcome: enumOf(
    Object.values(TestOutcome),
    "flaky: passed after failed tries inside the job (JUnit flakyFailure, repeated test cases).",
  ),
  createdAt: dateTime("The run's created_at (the window is over it)."),
  htmlUrl: string("The run on GitHub.", { format: "uri" }),
  message: nullable(
    string(`The first line of the failure's message, at most ${TEST_MESSAGE_LIMIT} characters.`),
  ),
});

const TestHistorySchema = object<TestHistory>(
  `One test's results in the runs of the window, on every branch (${METRICS_DOC}#flakiness).`,
  {
    generatedAt: dateTime("When the history was read."),
    window: ref("Window"),
    repo: string("The repository, owner/name, as GitHub spells it."),
    suite: string("The test suite."),
    name: string("The test case."),
    total: count(`Results in scope; \`results\` holds the newest ${TEST_HISTORY_LIMIT}.`),
    results: arrayOf(
      ref("TestHistoryResult"),
      "Newest run first, then its latest attempt first; empty for a test without results.",
    ),
  },
);

export const testHistorySchemas: Record<string, JsonSchema> = {
  TestHistoryResult: TestHistoryResultSchema,
  TestHistory: TestHistorySchema,
};
