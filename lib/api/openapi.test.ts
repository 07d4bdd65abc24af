// The OpenAPI document against what it describes: valid OpenAPI 3.1, one path per route file
// (and no path without one), the methods the files export, and for each operation exactly the
// query parameters its zod schema knows, with constraints zod agrees with.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseBranch, parseWindow } from "@/lib/metrics/scope";
import { resolvePointer, validate } from "./json-schema-testing.ts";
import { openApiDocument as doc } from "./openapi.ts";
import { checkOpenApiDocument, listRouteFiles, typedSample } from "./openapi-testing.ts";
import type { OpenApiDocument, ParameterObject } from "./openapi-types.ts";
import {
  flagsQuery,
  flakyTestsQuery,
  noQuery,
  pipelineQuery,
  pipelinesQuery,
  runsQuery,
  sparklinesQuery,
  testHistoryQuery,
  workflowIdParam,
} from "./queries.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/** Route files deliberately left out of the document, and why. */
const UNDOCUMENTED: Record<string, string> = {
  "/api/webhooks/github": "GitHub's signed webhook deliveries: for GitHub, not for clients",
  "/api/auth/{...nextauth}": "Auth.js's sign-in and sign-out endpoints: for the sign-in page",
};

/** The zod schema each route parses its query with; null: it reads no query. */
const QUERIES: Record<string, z.ZodObject | null> = {
  "/api/v1/pipelines": pipelinesQuery,
  "/api/v1/pipelines/sparklines": sparklinesQuery,
  "/api/v1/pipelines/{id}": pipelineQuery,
  "/api/v1/runs": runsQuery,
  "/api/v1/flags": flagsQuery,
  "/api/v1/tests/flaky": flakyTestsQuery,
  "/api/v1/tests/history": testHistoryQuery,
  "/api/v1/sync": noQuery,
  "/api/v1/openapi.json": noQuery,
  "/api/metrics": noQuery,
  "/api/health": null,
};

/** The zod schema of each path parameter. */
const PATH_PARAMETERS: Record<string, z.ZodType> = { id: workflowIdParam };

function parametersOf(route: string): ParameterObject[] {
  return (doc.paths[route]?.get?.parameters ?? []).map((p) =>
    "$ref" in p ? (resolvePointer(doc, p.$ref) as ParameterObject) : p,
  );
}

/** Values the document says are valid, as they appear in a URL. */
function validSamples(p: ParameterObject): string[] {
  const { schema } = p;
  const samples = [String(p.example), ...(schema.enum ?? []).map(String)];
  if (schema.default !== undefined) samples.push(String(schema.default));
  if (schema.minimum !== undefined) samples.push(String(schema.minimum));
  if (schema.maximum !== undefined) samples.push(String(schema.maximum));
  return samples;
}

/** Values the document's enum or integer range says are invalid. */
function invalidSamples(p: ParameterObject): string[] {
  const { schema } = p;
  const samples: string[] = [];
  if (schema.enum) samples.push("not-a-value");
  if (schema.type === "integer") samples.push("1.5", "one");
  if (schema.minimum !== undefined) samples.push(String(schema.minimum - 1));
  if (schema.maximum !== undefined) samples.push(String(BigInt(schema.maximum) + 1n));
  return samples;
}

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", () => {
    expect(checkOpenApiDocument(doc)).toEqual([]);
  });

  it("survives JSON: nothing in it is lost on the way to a client", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("has a path for every route file under app/api, and a route file for every path", () => {
    const files = listRouteFiles(ROOT);
    expect(files.length).toBeGreaterThan(5);
    const served = files.map((f) => f.path).filter((p) => !(p in UNDOCUMENTED));
    expect(Object.keys(doc.paths).sort()).toEqual(served.sort());
    for (const undocumented of Object.keys(UNDOCUMENTED))
      expect(files.map((f) => f.path)).toContain(undocumented);
  });

  it("documents the methods each route file exports, and no other", () => {
    for (const file of listRouteFiles(ROOT)) {
      const item = doc.paths[file.path];
      if (!item) continue;
      expect(Object.keys(item).sort(), file.file).toEqual([...file.methods].sort());
    }
  });

  it.each(Object.keys(doc.paths))(
    "documents exactly the query parameters zod parses for %s",
    (route) => {
      const schema = QUERIES[route];
      expect(schema, `QUERIES has no entry for ${route}`).toBeDefined();
      const documented = parametersOf(route)
        .filter((p) => p.in === "query")
        .map((p) => p.name)
        .sort();
      expect(documented).toEqual(Object.keys(schema?.shape ?? {}).sort());
    },
  );

  it("states the constraints zod enforces: enums, patterns and ranges agree", () => {
    for (const route of Object.keys(doc.paths)) {
      for (const p of parametersOf(route)) {
        const field = p.in === "path" ? PATH_PARAMETERS[p.name] : QUERIES[route]?.shape[p.name];
        if (!field) throw new Error(`no zod schema for ${p.name} of ${route}`);
        const where = `${route} ${p.name}`;
        for (const sample of validSamples(p))
          expect(field.safeParse(sample).success, `${where} refuses ${sample}`).toBe(true);
        for (const sample of invalidSamples(p)) {
          expect(validate(p.schema, typedSample(p.schema, sample), doc).errors, where).not.toEqual(
            [],
          );
          expect(field.safeParse(sample).success, `${where} accepts ${sample}`).toBe(false);
        }
        const zod = z.toJSONSchema(field, { io: "input", unrepresentable: "any" });
        if (zod.enum)
          expect([...(p.schema.enum ?? [])].sort(), where).toEqual([...zod.enum].sort());
        if (zod.pattern && p.schema.type === "string")
          expect(p.schema.pattern, where).toBe(zod.pattern);
      }
    }
  });
});

describe("the window and branch patterns", () => {
  const pattern = (name: string) => {
    const p = parametersOf("/api/v1/pipelines").find((q) => q.name === name);
    return new RegExp(p?.schema.pattern ?? "", "u");
  };
  const accepts = (parse: () => unknown) => {
    try {
      parse();
      return true;
    } catch (_error: unknown) {
      return false;
    }
  };

  it("refuse what parseWindow refuses, and accept what it accepts", () => {
    const window = pattern("window");
    for (const text of [
      "1h",
      "24h",
      "7d",
      "30d",
      "400d",
      "9600h",
      "0h",
      "401d",
      "7w",
      "d",
      "1.5d",
    ]) {
      const parsed = accepts(() => parseWindow(text, new Date()));
      if (parsed) expect(window.test(text), text).toBe(true);
      if (!window.test(text)) expect(parsed, text).toBe(false);
    }
  });

  it("say exactly what parseBranch accepts", () => {
    const branch = pattern("branch");
    const samples = ["", "*", "main", "feature/x-1", "release/v1.2", "dépôt", "a..b", "a b", "/a"];
    samples.push(
      "a/",
      "x.lock",
      "a@{b",
      "a~b",
      "a^b",
      "a:b",
      "a?b",
      "a*b",
      "**",
      "a[b",
      "a\\b",
      "a\u0001b",
    );
    for (const text of samples)
      expect(branch.test(text), JSON.stringify(text)).toBe(accepts(() => parseBranch(text)));
  });
});

describe("checkOpenApiDocument", () => {
  const broken: OpenApiDocument = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a/{id}": {
        get: {
          operationId: "same",
          tags: [],
          summary: "a",
          parameters: [
            {
              name: "q",
              in: "query",
              required: false,
              description: "q",
              schema: { type: "integer" },
              example: "x",
            },
          ],
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Nope" } } },
            },
          },
        },
      },
      "/b": { get: { operationId: "same", tags: ["undeclared"], summary: "b", responses: {} } },
    },
    components: {
      schemas: {
        Unused: { type: "object", properties: { a: { type: "string" } }, required: ["b"] },
        Old: { type: "string", nullable: true } as never,
      },
    },
  };

  it("finds what it is for", () => {
    const problems = checkOpenApiDocument(broken).join("\n");
    for (const expected of [
      "$ref #/components/schemas/Nope does not resolve",
      "path parameter id is not declared",
      "operationId same is not unique",
      "takes parameters but has no 400 response",
      "/b.get: no 200 response",
      "tag undeclared is not declared",
      "its example fails its schema",
      "components.schemas.Unused: never used",
      "required b is not a property",
      "must say whether it takes additionalProperties",
      "nullable is OpenAPI 3.0",
    ])
      expect(problems).toContain(expected);
  });
});
