// Bad input never breaks the API: every GET route under app/api is called in-process on a seeded
// database with thousands of generated requests (lib/api/fuzz-testing.ts) built from the OpenAPI
// document's parameters. None may throw or answer 5xx; each 4xx has the API's error shape and a
// 400 names a parameter of the request; each 200 matches the documented schema. A route without
// a fuzz model fails the first test. FUZZ_SEED replays a failure (fast-check prints the seed).
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { encode, type FuzzRequest, requestsFor } from "./fuzz-testing.ts";
import { resolvePointer, validate } from "./json-schema-testing.ts";
import { openApiDocument as doc } from "./openapi.ts";
import { seedConformanceData } from "./openapi-conformance-testing.ts";
import { listRouteFiles } from "./openapi-testing.ts";
import type { OpenApiDocument, ParameterObject, ResponseObject } from "./openapi-types.ts";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response> | Response;

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
/** Requests per route: about 3,300 in all, within a minute on the shared test machine. */
const RUNS = 300;
/** Routes fuzzed by another file, with what they take (not in the OpenAPI document). */
const FUZZED_ELSEWHERE: Record<string, string> = {
  "/api/webhooks/github": "lib/sync/webhook-fuzz.int.test.ts",
  "/api/auth/{...nextauth}": "lib/access/auth-fuzz.test.ts",
};

const database = setUpTestDatabase();
const handlers = new Map<string, Handler>();
const known: Record<string, string> = {};
let generated = 0;

beforeAll(async () => {
  const seeded = await seedConformanceData(database.db, new Date());
  Object.assign(known, {
    repo: seeded.repo,
    id: String(seeded.ci),
    pipeline: String(seeded.ci),
    suite: seeded.test.suite,
    name: seeded.test.name,
  });
  vi.stubEnv("DATABASE_URL", database.url);
  for (const route of listRouteFiles(ROOT)) {
    const module = (await import(path.join(ROOT, route.file))) as { GET?: Handler };
    if (module.GET) handlers.set(route.path, module.GET);
  }
});
afterAll(async () => {
  if (handlers.size > 0) await getDb().$disconnect();
  vi.unstubAllEnvs();
  console.info(`api fuzz: ${generated} generated requests over ${handlers.size} GET routes`);
});

/** Calls GET `route` with `request`; what is wrong with its answer (a throw is a problem too). */
async function fuzzOnce(route: string, request: FuzzRequest): Promise<string[]> {
  const handler = handlers.get(route);
  if (!handler) return [`no GET handler for ${route}`];
  generated++;
  const url = `http://localhost${route.replace(/\{(\w+)\}/g, (_, name: string) =>
    encode(request.params[name] ?? ""),
  )}${request.query}`;
  const names = new Set([...new URL(url).searchParams.keys(), ...Object.keys(request.params)]);
  try {
    const response = await handler(new Request(url), {
      params: Promise.resolve(request.params),
    });
    return (await problemsOf(doc, route, { names }, response)).map((p) => `GET ${url}: ${p}`);
  } catch (error: unknown) {
    return [`GET ${url} threw ${error instanceof Error ? error.stack : String(error)}`];
  }
}

/** The operation's parameters, `$ref`s resolved. */
function parametersOf(doc: OpenApiDocument, route: string): ParameterObject[] {
  return (doc.paths[route]?.get?.parameters ?? []).map((p) =>
    "$ref" in p ? (resolvePointer(doc, p.$ref) as ParameterObject) : p,
  );
}

/**
 * What is wrong with an answer to a fuzzed request: a 5xx; a status, media type or body the
 * document does not declare; a 400 that does not name a parameter of the request (or a missing
 * required one).
 */
async function problemsOf(
  doc: OpenApiDocument,
  route: string,
  sent: { names: Set<string> },
  response: Response,
): Promise<string[]> {
  const status = response.status;
  if (status >= 500) return [`answered ${status}: ${await response.text()}`];
  const declared = doc.paths[route]?.get?.responses[String(status)];
  if (!declared) return [`answered ${status}, which the document does not declare`];
  const documented = (
    "$ref" in declared ? resolvePointer(doc, declared.$ref) : declared
  ) as ResponseObject;
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const content = documented.content?.[mediaType];
  if (!content) return [`answered ${status} as ${mediaType}, which is not documented`];
  const body: unknown =
    mediaType === "application/json" ? await response.json() : await response.text();
  const problems = validate(content.schema, body, doc).errors.map((e) => `${status}: ${e}`);
  if (status === 400) {
    const named = (body as { error?: { parameter?: string } }).error?.parameter;
    const required = parametersOf(doc, route)
      .filter((p) => p.required)
      .map((p) => p.name);
    if (named === undefined || !(sent.names.has(named) || required.includes(named)))
      problems.push(`400 names ${String(named)}, not a parameter of the request`);
  }
  return problems;
}

describe("the API under generated input", () => {
  it("has a fuzz model for every route under app/api", () => {
    const routes = listRouteFiles(ROOT);
    const unmodelled = routes.filter((route) => {
      const elsewhere = FUZZED_ELSEWHERE[route.path];
      if (elsewhere) return false;
      // Modelled from the document: GET only, described there.
      return route.methods.some((m) => m !== "get") || !doc.paths[route.path]?.get;
    });
    expect(unmodelled.map((r) => r.file)).toEqual([]);
    for (const [route, file] of Object.entries(FUZZED_ELSEWHERE)) {
      expect(
        routes.map((r) => r.path),
        route,
      ).toContain(route);
      expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
    }
  });

  for (const route of Object.keys(doc.paths))
    it(`GET ${route}: never a 5xx or a throw; 4xx named, 200 documented`, async () => {
      const requests = requestsFor(parametersOf(doc, route), known);
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const problems = await fuzzOnce(route, request);
          if (problems.length > 0) throw new Error(problems.join("\n"));
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    });
});
