// The OpenAPI 3.1 document of Pipewatch's HTTP API, served at GET /api/v1/openapi.json. Its
// schemas are built from the routes' own types (lib/api/openapi-schema.ts) and its parameters
// from their zod schemas' constants; lib/api/openapi.test.ts and openapi-conformance.int.test.ts
// check it against the route files, the zod schemas and real answers.
import { version } from "@/package.json";
import { flagSchemas } from "./openapi-flags.ts";
import { sharedParameters } from "./openapi-parameters.ts";
import { paths, sharedResponses } from "./openapi-paths.ts";
import { pipelineSchemas } from "./openapi-pipelines.ts";
import { runSchemas } from "./openapi-runs.ts";
import { METRICS_DOC } from "./openapi-schema.ts";
import { sparklineSchemas } from "./openapi-sparklines.ts";
import { statusSchemas } from "./openapi-status.ts";
import { testHistorySchemas } from "./openapi-test-history.ts";
import type { OpenApiDocument } from "./openapi-types.ts";

export const openApiDocument: OpenApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Pipewatch API",
    version,
    description: `Read-only JSON API of a Pipewatch server: GitHub Actions pipelines, runs, flags and flaky tests, with the metric definitions of ${METRICS_DOC}. It has no authentication of its own. Every answer is sent with Cache-Control: no-store.`,
    license: { name: "MIT", identifier: "MIT" },
  },
  tags: [
    { name: "metrics", description: `Pipelines and their metrics (${METRICS_DOC}).` },
    { name: "runs", description: "Workflow runs, their attempts and jobs." },
    { name: "flags", description: "Flags raised by the rules, and flaky tests." },
    { name: "status", description: "The server: health, sync, Prometheus metrics, this document." },
  ],
  paths,
  components: {
    schemas: {
      ...pipelineSchemas,
      ...sparklineSchemas,
      ...runSchemas,
      ...flagSchemas,
      ...testHistorySchemas,
      ...statusSchemas,
    },
    parameters: sharedParameters,
    responses: sharedResponses,
  },
};
