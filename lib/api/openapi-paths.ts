// The operations of the OpenAPI document: one per route file under app/api (the webhook
// receiver aside), with their parameters and every answer they give.
import {
  branchParameter,
  bucketParameter,
  flagsParameters,
  parameterRef,
  pipelineIdParameter,
  runsParameters,
} from "./openapi-parameters.ts";
import { METRICS_DOC, ref } from "./openapi-schema.ts";
import { testHistoryParameters } from "./openapi-test-history.ts";
import type { PathItemObject, Reference, ResponseObject } from "./openapi-types.ts";

/** Answers shared by the operations, referenced as `#/components/responses/...`. */
export const sharedResponses: Record<string, ResponseObject> = {
  BadRequest: {
    description:
      "A parameter is invalid, unknown or given twice; `error.parameter` names it. Bad input is never a 500.",
    content: { "application/json": { schema: ref("Error") } },
  },
  NotFound: {
    description: "The repository or pipeline asked for is not tracked.",
    content: { "application/json": { schema: ref("Error") } },
  },
  InternalError: {
    description: "Unexpected: the details are in the server's log, not in the answer.",
    content: { "application/json": { schema: ref("Error") } },
  },
};

const answer = (name: keyof typeof sharedResponses): Reference => ({
  $ref: `#/components/responses/${name}`,
});

function ok(schema: string, description: string): ResponseObject {
  return { description, content: { "application/json": { schema: ref(schema) } } };
}

export const paths: Record<string, PathItemObject> = {
  "/api/v1/pipelines": {
    get: {
      operationId: "listPipelines",
      tags: ["metrics"],
      summary: "Every pipeline with its metrics over the scope",
      description: `Runs, success rate, duration, queue time, cache hit rate, flakiness, streaks, last deploy and open flags of each pipeline, as defined in ${METRICS_DOC}.`,
      parameters: [
        parameterRef("Window"),
        branchParameter("each repository's default branch"),
        parameterRef("Repo"),
      ],
      responses: {
        "200": ok("PipelinesReport", "The pipelines."),
        "400": answer("BadRequest"),
        "404": answer("NotFound"),
        "500": answer("InternalError"),
      },
    },
  },
  "/api/v1/pipelines/sparklines": {
    get: {
      operationId: "listPipelineSparklines",
      tags: ["metrics"],
      summary: "Every pipeline's median duration, runs and failures per hour or day",
      description: `For small charts beside GET /api/v1/pipelines: one point per bucket of the window (UTC hours for windows up to 48h, else days), every bucket listed, with the definitions of ${METRICS_DOC}.`,
      parameters: [
        parameterRef("Window"),
        branchParameter("each repository's default branch"),
        parameterRef("Repo"),
      ],
      responses: {
        "200": ok("SparklinesReport", "The pipelines' points."),
        "400": answer("BadRequest"),
        "404": answer("NotFound"),
        "500": answer("InternalError"),
      },
    },
  },
  "/api/v1/pipelines/{id}": {
    get: {
      operationId: "getPipeline",
      tags: ["metrics"],
      summary: "One pipeline's metrics, series and latest runs",
      parameters: [
        pipelineIdParameter,
        parameterRef("Window"),
        branchParameter("each repository's default branch"),
        bucketParameter,
      ],
      responses: {
        "200": ok("PipelineDetail", "The pipeline."),
        "400": answer("BadRequest"),
        "404": answer("NotFound"),
        "500": answer("InternalError"),
      },
    },
  },
  "/api/v1/runs": {
    get: {
      operationId: "listRuns",
      tags: ["runs"],
      summary: "Runs of the tracked repositories, newest first, a page at a time",
      parameters: runsParameters,
      responses: {
        "200": ok("RunPage", "A page of runs."),
        "400": answer("BadRequest"),
        "404": answer("NotFound"),
        "500": answer("InternalError"),
      },
    },
  },
  "/api/v1/flags": {
    get: {
      operationId: "listFlags",
      tags: ["flags"],
      summary: "Open flags, and optionally the recently resolved ones",
      parameters: flagsParameters,
      responses: {
        "200": ok("FlagList", "The flags."),
        "400": answer("BadRequest"),
        "404": answer("NotFound"),
        "500": answer("InternalError"),
      },
    },
  },
  "/api/v1/tests/flaky": {
    get: {
      operationId: "listFlakyTests",
      tags: ["flags"],
      summary: "The flaky tests over the scope",
      description: `Flaky as defined in ${METRICS_DOC}#flakiness; a pipeline's flaky.flakyTests counts the tests here that name it.`,
      parameters: [
        parameterRef("Window"),
        branchParameter(
          "every branch (flaky tests show on pull-request branches; the same-SHA definition is not fooled by work in progress)",
          "*",
        ),
        parameterRef("Repo"),
      ],
      responses: {
        "200": ok("FlakyTestsReport", "The flaky tests."),
        "400": answer("BadRequest"),
        "404": answer("NotFound"),
        "500": answer("InternalError"),
      },
    },
  },
  "/api/v1/tests/history": {
    get: {
      operationId: "getTestHistory",
      tags: ["flags"],
      summary: "One test's results over the window, newest first",
      description:
        "On every branch and pipeline of its repository: the runs and commits on which it failed and passed. At most 200 results (`total` counts them all); a test without results has none.",
      parameters: testHistoryParameters,
      responses: {
        "200": ok("TestHistory", "The test's results."),
        "400": answer("BadRequest"),
        "404": answer("NotFound"),
        "500": answer("InternalError"),
      },
    },
  },
  "/api/v1/sync": {
    get: {
      operationId: "getSyncReport",
      tags: ["status"],
      summary: "Each repository's sync, backfill progress, runs stored and API budget",
      responses: {
        "200": ok("SyncReport", "The sync report."),
        "400": answer("BadRequest"),
        "500": answer("InternalError"),
      },
    },
  },
  "/api/v1/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["status"],
      summary: "This document",
      responses: {
        "200": {
          description: "The OpenAPI 3.1 document of the API.",
          content: { "application/json": { schema: { type: "object" } } },
        },
        "400": answer("BadRequest"),
      },
    },
  },
  "/api/metrics": {
    get: {
      operationId: "getPrometheusMetrics",
      tags: ["status"],
      summary: "Pipelines, open flags, sync and GitHub usage for Prometheus",
      description: "The Prometheus text exposition format, version 0.0.4. Takes no parameters.",
      responses: {
        "200": {
          description: "The metrics.",
          content: { "text/plain": { schema: { type: "string" } } },
        },
        "400": answer("BadRequest"),
        "500": answer("InternalError"),
      },
    },
  },
  "/api/health": {
    get: {
      operationId: "getHealth",
      tags: ["status"],
      summary: "Database reachability, schema version and a summary of the sync",
      description: "Public: counts only. Unknown query parameters are ignored.",
      responses: {
        "200": ok("Health", "Serving: status ok, or degraded when a repository is failing."),
        "503": ok("Health", "Not serving: the database is unreachable or its schema behind."),
      },
    },
  },
};
