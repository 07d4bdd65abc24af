// The route table: GitHub's paths (and their /repositories/{id} twins) to handlers.
import type { SimResponse } from "./http.ts";
import * as actions from "./routes-actions.ts";
import * as downloads from "./routes-downloads.ts";
import * as repos from "./routes-repos.ts";
import type { RouteRequest } from "./sim.ts";

type Handler = (request: RouteRequest) => SimResponse;
type Route = { pattern: RegExp; names: string[]; handler: Handler; repoScoped: boolean };

const REPO_ROUTES: [string, Handler][] = [
  ["", repos.getRepository],
  ["/actions/workflows", actions.listWorkflows],
  ["/actions/workflows/:workflow_id", actions.getWorkflow],
  ["/actions/workflows/:workflow_id/runs", actions.listRuns],
  ["/actions/runs", actions.listRuns],
  ["/actions/runs/:run_id", actions.getRun],
  ["/actions/runs/:run_id/attempts/:attempt_number", actions.getRun],
  ["/actions/runs/:run_id/jobs", actions.listJobs],
  ["/actions/runs/:run_id/attempts/:attempt_number/jobs", actions.listJobs],
  ["/actions/runs/:run_id/artifacts", downloads.listArtifacts],
  ["/actions/jobs/:job_id", downloads.getJob],
  ["/actions/jobs/:job_id/logs", downloads.jobLogsRedirect],
  ["/actions/artifacts/:artifact_id", downloads.getArtifact],
  ["/actions/artifacts/:artifact_id/:archive_format", downloads.downloadArtifact],
  ["/actions/caches", repos.listCaches],
  ["/actions/cache/usage", repos.getCacheUsage],
  ["/deployments", repos.listDeployments],
  ["/deployments/:deployment_id/statuses", repos.listDeploymentStatuses],
];

function compile(path: string, handler: Handler, repoScoped: boolean): Route {
  const names: string[] = [];
  const source = path.replace(/:([a-z_]+)/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { pattern: new RegExp(`^${source}/?$`), names, handler, repoScoped };
}

const ROUTES: Route[] = [
  compile("/orgs/:org/repos", repos.listOwnerRepositories, false),
  compile("/users/:user/repos", repos.listOwnerRepositories, false),
  ...REPO_ROUTES.map(([path, handler]) => compile(`/repos/:owner/:repo${path}`, handler, true)),
  ...REPO_ROUTES.map(([path, handler]) => compile(`/repositories/:repo_id${path}`, handler, true)),
];

export type Match = { handler: Handler; params: Record<string, string>; repoScoped: boolean };

/** The handler for a GET of `pathname`, with its path parameters decoded. */
export function matchRoute(pathname: string): Match | undefined {
  for (const route of ROUTES) {
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    const params: Record<string, string> = {};
    try {
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? "");
      });
    } catch {
      return undefined; // a malformed %-escape names nothing
    }
    return { handler: route.handler, params, repoScoped: route.repoScoped };
  }
  return undefined;
}
