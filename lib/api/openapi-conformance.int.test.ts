// The OpenAPI document, as GET /api/v1/openapi.json serves it, against the real routes on a
// real database: every answer's status, media type and body match what the document declares
// (closed objects: a field added or removed without the document fails here), every schema
// meets a real value, an unknown parameter is refused exactly where a 400 is documented, each
// parameter's example is accepted and its invalid value refused naming it, and a documented
// default is what the route does without the parameter.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { resolvePointer, validate } from "./json-schema-testing.ts";
import { type Seeded, seedConformanceData } from "./openapi-conformance-testing.ts";
import { listRouteFiles, typedSample } from "./openapi-testing.ts";
import type { OpenApiDocument, ParameterObject, ResponseObject } from "./openapi-types.ts";

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response> | Response;
type Answer = { status: number; body: unknown };

const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** A value of each parameter that its documented schema refuses, and so must the route. */
const INVALID: Record<string, string> = {
  id: "abc",
  window: "7w",
  branch: "a..b",
  repo: "nonsense",
  bucket: "week",
  state: "closed",
  kind: "nope",
  pipeline: "0",
  status: "done",
  cursor: "!!",
  limit: "101",
  suite: "",
  name: "",
};

const database = setUpTestDatabase();
let doc: OpenApiDocument;
let seeded: Seeded;
const handlers = new Map<string, Handler>();
/** Component schemas that real answers were checked against. */
const covered = new Set<string>();
/** The statuses each path answered. */
const answered = new Map<string, Set<number>>();

beforeAll(async () => {
  seeded = await seedConformanceData(database.db, new Date());
  vi.stubEnv("DATABASE_URL", database.url);
  // An alert channel that failed, for GET /api/v1/sync's alerts.
  vi.stubEnv("ALERT_SLACK_WEBHOOK_URL", "http://127.0.0.1:9/services/T/B/x");
  await database.db.alertChannel.create({
    data: { name: "slack", type: "slack", lastFailureAt: new Date(), lastError: "HTTP 404" },
  });
  for (const route of listRouteFiles(ROOT)) {
    const module = (await import(path.join(ROOT, route.file))) as { GET?: Handler };
    if (module.GET) handlers.set(route.path, module.GET);
  }
  const served = await handlers.get("/api/v1/openapi.json")?.(
    new Request("http://localhost/api/v1/openapi.json"),
    { params: Promise.resolve({}) },
  );
  doc = (await served?.json()) as OpenApiDocument;
});
afterAll(async () => {
  if (handlers.size > 0) await getDb().$disconnect();
  vi.unstubAllEnvs();
});

const paths = () => Object.keys(doc.paths);

function parametersOf(route: string): ParameterObject[] {
  return (doc.paths[route]?.get?.parameters ?? []).map((p) =>
    "$ref" in p ? (resolvePointer(doc, p.$ref) as ParameterObject) : p,
  );
}

/** Path parameters for `route`: the seeded pipeline's id (the only path parameter). */
function pathParams(route: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const p of parametersOf(route).filter((p) => p.in === "path"))
    params[p.name] = p.name === "id" ? String(seeded.ci) : String(p.example);
  return params;
}

/** `?` and the query of `route`'s required parameters (the seeded flaky test), then `extra`. */
function query(route: string, extra: Record<string, string> = {}): string {
  const seededTest: Record<string, string> = { repo: seeded.repo, ...seeded.test };
  const params = new URLSearchParams();
  for (const p of parametersOf(route).filter((p) => p.in === "query" && p.required))
    params.set(p.name, seededTest[p.name] ?? String(p.example));
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Calls GET `route` and checks the answer against the document; returns its status and body. */
async function call(route: string, query = "", params = pathParams(route)): Promise<Answer> {
  const handler = handlers.get(route);
  if (!handler) throw new Error(`no GET handler for ${route}`);
  const url = route.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(params[name] ?? ""),
  );
  const response = await handler(new Request(`http://localhost${url}${query}`), {
    params: Promise.resolve(params),
  });
  const where = `GET ${url}${query} answered ${response.status}`;
  const declared = doc.paths[route]?.get?.responses[String(response.status)];
  if (!declared) throw new Error(`${where}, which the document does not declare`);
  const documented = (
    "$ref" in declared ? resolvePointer(doc, declared.$ref) : declared
  ) as ResponseObject;
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const content = documented.content?.[mediaType];
  if (!content) throw new Error(`${where} as ${mediaType}, which the document does not declare`);
  expect(response.headers.get("cache-control"), where).toBe("no-store");
  const body: unknown =
    mediaType === "application/json" ? await response.json() : await response.text();
  const result = validate(content.schema, body, doc);
  expect(result.errors, where).toEqual([]);
  for (const name of result.refs) covered.add(name);
  answered.set(route, (answered.get(route) ?? new Set()).add(response.status));
  return { status: response.status, body };
}

describe("the OpenAPI document against the routes' answers", () => {
  it("is served as application/json and documents every route that answers", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(paths().filter((route) => !handlers.has(route))).toEqual([]);
  });

  it("matches every operation's 200 on real data", async () => {
    const { body: report } = await call("/api/v1/pipelines", "?window=30d");
    expect(JSON.stringify(report)).toContain('"kind":"slow"');
    expect(JSON.stringify(report)).toContain('"lastRun":{');
    const sparklines = (await call("/api/v1/pipelines/sparklines", "?window=7d")).body as {
      pipelines: { points: { durationP50Ms: number | null }[] }[];
    };
    expect(sparklines.pipelines.some((p) => p.points.some((x) => x.durationP50Ms !== null))).toBe(
      true,
    );
    const detail = (await call("/api/v1/pipelines/{id}", "?window=24h")).body as {
      runs: { attempts: unknown[]; jobs: unknown[] }[];
    };
    expect(detail.runs.some((r) => r.attempts.length > 1 && r.jobs.length > 1)).toBe(true);
    const page = (await call("/api/v1/runs", "?limit=2")).body as { nextCursor: string };
    expect((await call("/api/v1/runs", `?cursor=${page.nextCursor}`)).status).toBe(200);
    const flags = (await call("/api/v1/flags", "?state=all")).body as { flags: unknown[] };
    expect(flags.flags).toHaveLength(3);
    const flaky = (await call("/api/v1/tests/flaky")).body as { tests: unknown[] };
    expect(flaky.tests).toHaveLength(1);
    const history = (await call("/api/v1/tests/history", query("/api/v1/tests/history"))).body as {
      results: { outcome: string }[];
    };
    expect(history.results.map((r) => r.outcome).sort()).toEqual(["failed", "passed", "passed"]);
    const sync = (await call("/api/v1/sync")).body as { repositories: unknown[] };
    expect(sync.repositories).toHaveLength(2);
    await call("/api/v1/openapi.json");
    expect(await call("/api/metrics")).toMatchObject({ status: 200 });
    expect(await call("/api/health")).toMatchObject({ status: 200 });
    for (const route of paths()) expect([...(answered.get(route) ?? [])], route).toContain(200);
  });

  it("matches every documented 404", async () => {
    const unknown = "?repo=acme/unknown";
    for (const [route, query, params] of [
      ["/api/v1/pipelines", unknown],
      ["/api/v1/pipelines/sparklines", unknown],
      ["/api/v1/pipelines/{id}", "", { id: "999999999" }],
      ["/api/v1/runs", "?pipeline=999999999"],
      ["/api/v1/flags", unknown],
      ["/api/v1/flags", "?pipeline=999999999"],
      ["/api/v1/tests/flaky", unknown],
      ["/api/v1/tests/history", "?repo=acme/unknown&suite=S&name=login"],
    ] as const)
      expect((await call(route, query, params)).status, route).toBe(404);
    for (const route of paths())
      if (doc.paths[route]?.get?.responses["404"])
        expect([...(answered.get(route) ?? [])], route).toContain(404);
  });

  it("refuses an unknown parameter exactly where a 400 is documented", async () => {
    for (const route of paths()) {
      const { status, body } = await call(route, query(route, { zzz: "1" }));
      if (doc.paths[route]?.get?.responses["400"])
        expect(body, route).toEqual({
          error: { message: "unknown parameter zzz", parameter: "zzz" },
        });
      else expect(status, route).not.toBe(400);
    }
  });

  it("accepts every parameter's documented example", async () => {
    for (const route of paths())
      for (const p of parametersOf(route)) {
        const answer =
          p.in === "path"
            ? await call(route, "", { ...pathParams(route), [p.name]: String(p.example) })
            : await call(route, query(route, { [p.name]: String(p.example) }));
        expect(answer.status, `${route} ${p.name}=${p.example}`).not.toBe(400);
      }
  });

  it("refuses a value its schema refuses, naming the parameter", async () => {
    for (const route of paths())
      for (const p of parametersOf(route)) {
        const value = INVALID[p.name];
        if (value === undefined) throw new Error(`INVALID has no value for ${p.name}`);
        expect(validate(p.schema, typedSample(p.schema, value), doc).errors, p.name).not.toEqual(
          [],
        );
        const answer =
          p.in === "path"
            ? await call(route, "", { ...pathParams(route), [p.name]: value })
            : await call(route, query(route, { [p.name]: value }));
        expect(answer, `${route} ${p.name}=${value}`).toMatchObject({
          status: 400,
          body: { error: { parameter: p.name } },
        });
      }
  });

  it("does without a parameter what its documented default does, unlike its example", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date()); // the same now for both answers
    try {
      for (const route of paths())
        for (const p of parametersOf(route).filter((p) => p.schema.default !== undefined)) {
          const where = `${route} ${p.name}`;
          const absent = await call(route, query(route));
          const given = await call(route, query(route, { [p.name]: String(p.schema.default) }));
          const other = await call(route, query(route, { [p.name]: String(p.example) }));
          expect(given, where).toEqual(absent);
          expect(other, where).not.toEqual(absent);
        }
    } finally {
      vi.useRealTimers();
    }
  });

  it("checked every schema of the document against a real value (runs last)", () => {
    expect(Object.keys(doc.components.schemas).filter((name) => !covered.has(name))).toEqual([]);
  });
});
