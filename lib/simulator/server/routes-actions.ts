import { renderWorkflow } from "../github/objects.ts";
import { jobsAt, renderRun, runStateAt } from "../github/runs.ts";
import type { SimRun } from "../model.ts";
import { parseCreated } from "./created-filter.ts";
import { errorResponse, notFound, paginate, type SimResponse } from "./http.ts";
import { linkBase, type RouteRequest, renderContext } from "./sim.ts";

/** exclude_pull_requests accepts true and 1, as GitHub's own Link headers use `=1`. */
function excludesPullRequests(query: URLSearchParams): boolean {
  const value = query.get("exclude_pull_requests");
  return value === "true" || value === "1";
}

/** Filters that limit run lists to 1,000 reachable results (GitHub's documented cap). */
const CAPPED_FILTERS = [
  "actor",
  "branch",
  "check_suite_id",
  "created",
  "event",
  "head_sha",
  "status",
];

export function requireRepo(request: RouteRequest) {
  if (!request.repo) throw new Error("route without a repository");
  return request.repo;
}

function findWorkflow(request: RouteRequest) {
  const repo = requireRepo(request);
  const id = request.params.workflow_id ?? "";
  return repo.workflows.find((w) => String(w.id) === id || w.path.endsWith(`/${id}`));
}

export function listWorkflows(request: RouteRequest): SimResponse {
  const repo = requireRepo(request);
  const page = paginate(repo.workflows, request.query, linkBase(request));
  return {
    status: 200,
    body: {
      total_count: repo.workflows.length,
      workflows: page.items.map((w) => renderWorkflow(request.sim.urls, repo, w)),
    },
    headers: page.link ? { link: page.link } : {},
  };
}

export function getWorkflow(request: RouteRequest): SimResponse {
  const workflow = findWorkflow(request);
  return workflow
    ? { status: 200, body: renderWorkflow(request.sim.urls, requireRepo(request), workflow) }
    : notFound();
}

function matchesRun(request: RouteRequest, run: SimRun): boolean {
  const q = request.query;
  const { world } = request.sim;
  if (q.has("branch") && run.event.branch !== q.get("branch")) return false;
  if (q.has("event") && run.event.kind !== q.get("event")) return false;
  if (q.has("head_sha") && run.event.sha !== q.get("head_sha")) return false;
  if (q.has("actor") && run.event.actor !== q.get("actor")) return false;
  if (q.has("check_suite_id") && String(run.id * 3) !== q.get("check_suite_id")) return false;
  const created = q.get("created");
  if (created !== null) {
    const range = parseCreated(created);
    if (!range || run.createdAt < range.from || run.createdAt > range.to) return false;
  }
  const status = q.get("status");
  if (status !== null) {
    const state = runStateAt(world, run, request.now);
    if (state.status !== status && state.conclusion !== status) return false;
  }
  return true;
}

export function listRuns(request: RouteRequest): SimResponse {
  const repo = requireRepo(request);
  const created = request.query.get("created");
  if (created !== null && !parseCreated(created)) {
    return errorResponse(
      422,
      "Validation Failed",
      "https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository",
    );
  }
  let workflowId: number | undefined;
  if (request.params.workflow_id !== undefined) {
    const workflow = findWorkflow(request);
    if (!workflow) return notFound();
    workflowId = workflow.id;
  }
  const runs = request.sim.world
    .runs(repo.id, request.now)
    .filter(
      (run) =>
        (workflowId === undefined || run.workflowId === workflowId) && matchesRun(request, run),
    )
    .reverse(); // newest first
  const capped = CAPPED_FILTERS.some((name) => request.query.has(name));
  const page = paginate(runs, request.query, linkBase(request), capped ? 1000 : undefined);
  const exclude = excludesPullRequests(request.query);
  const ctx = renderContext(request);
  return {
    status: 200,
    body: {
      total_count: runs.length,
      workflow_runs: page.items.map((run) => renderRun(ctx, run, { excludePullRequests: exclude })),
    },
    headers: page.link ? { link: page.link } : {},
  };
}

export function findRun(request: RouteRequest): SimRun | undefined {
  const repo = requireRepo(request);
  const run = request.sim.world.run(Number(request.params.run_id), request.now);
  return run && run.repoId === repo.id ? run : undefined;
}

export function getRun(request: RouteRequest): SimResponse {
  const run = findRun(request);
  if (!run) return notFound();
  const attemptNumber =
    request.params.attempt_number === undefined ? undefined : Number(request.params.attempt_number);
  if (
    attemptNumber !== undefined &&
    !request.sim.world.attemptsAt(run, request.now).some((a) => a.number === attemptNumber)
  ) {
    return notFound();
  }
  const exclude = excludesPullRequests(request.query);
  return {
    status: 200,
    body: renderRun(renderContext(request), run, { attemptNumber, excludePullRequests: exclude }),
  };
}

export function listJobs(request: RouteRequest): SimResponse {
  const run = findRun(request);
  if (!run) return notFound();
  const attempt =
    request.params.attempt_number === undefined ? undefined : Number(request.params.attempt_number);
  if (
    attempt !== undefined &&
    !request.sim.world.attemptsAt(run, request.now).some((a) => a.number === attempt)
  ) {
    return notFound();
  }
  const filter = request.query.get("filter") === "all" ? "all" : "latest";
  const jobs = jobsAt(renderContext(request), run, filter, attempt);
  const page = paginate(jobs, request.query, linkBase(request));
  return {
    status: 200,
    body: { total_count: jobs.length, jobs: page.items },
    headers: page.link ? { link: page.link } : {},
  };
}
