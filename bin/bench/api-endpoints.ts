// What bench:api measures: one line per endpoint and query variant, each loading the real route
// module (app/api/**/route.ts) and calling its GET in-process. Add a line for a new endpoint.
// Ids refer to api-seed.ts's data: workflow 1001 is repository 1's CI, the busiest pipeline.
// Not measured: POST /api/webhooks/github (no GET).

type RouteContext = { params: Promise<{ id: string }> };
export type RouteModule = {
  GET: (request: Request, context: RouteContext) => Response | Promise<Response>;
};

export type Endpoint = {
  /** Printed in the table: the route's path template. */
  name: string;
  /** The request's path and query. */
  path: string;
  /** The dynamic segment of the route, when it has one. */
  params?: { id: string };
  load: () => Promise<RouteModule>;
};

const pipelines = () => import("@/app/api/v1/pipelines/route");
const pipeline = () => import("@/app/api/v1/pipelines/[id]/route");
const runs = () => import("@/app/api/v1/runs/route");
const flags = () => import("@/app/api/v1/flags/route");
const flakyTests = () => import("@/app/api/v1/tests/flaky/route");
const sync = () => import("@/app/api/v1/sync/route");
const health = () => import("@/app/api/health/route");
const sparklines = () => import("@/app/api/v1/pipelines/sparklines/route");
const testHistory = () => import("@/app/api/v1/tests/history/route");
const prometheus = () => import("@/app/api/metrics/route");
const openApi = () => import("@/app/api/v1/openapi.json/route");

/** The endpoint that must answer in under 150 ms at p95 (issue 5), with default parameters. */
export const TARGET = { path: "/api/v1/pipelines", p95Ms: 150 };

/** An endpoint variant: `id` is the value of the route's dynamic segment, when it has one. */
function endpoint(load: () => Promise<RouteModule>, path: string, id?: string): Endpoint {
  const pathname = path.split("?")[0] ?? path;
  const name = id === undefined ? pathname : pathname.replace(`/${id}`, "/{id}");
  return { name, path, load, ...(id === undefined ? {} : { params: { id } }) };
}

export const ENDPOINTS: Endpoint[] = [
  endpoint(pipelines, "/api/v1/pipelines"),
  endpoint(pipelines, "/api/v1/pipelines?window=7d"),
  endpoint(pipelines, "/api/v1/pipelines?window=90d"),
  endpoint(pipelines, "/api/v1/pipelines?branch=*"),
  endpoint(pipelines, "/api/v1/pipelines?repo=bench/repo-01"),
  endpoint(pipeline, "/api/v1/pipelines/1001", "1001"),
  endpoint(pipeline, "/api/v1/pipelines/1001?window=90d", "1001"),
  endpoint(sparklines, "/api/v1/pipelines/sparklines"),
  endpoint(runs, "/api/v1/runs"),
  endpoint(runs, "/api/v1/runs?pipeline=1001&status=failure"),
  endpoint(runs, "/api/v1/runs?branch=main&limit=100"),
  endpoint(flags, "/api/v1/flags?state=all"),
  endpoint(flakyTests, "/api/v1/tests/flaky"),
  endpoint(flakyTests, "/api/v1/tests/flaky?window=90d"),
  endpoint(testHistory, "/api/v1/tests/history?repo=bench/repo-01&suite=suite-3&name=test_013"),
  endpoint(sync, "/api/v1/sync"),
  endpoint(prometheus, "/api/metrics"),
  endpoint(openApi, "/api/v1/openapi.json"),
  endpoint(health, "/api/health"),
];
