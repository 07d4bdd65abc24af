// Handlers for workflows, runs, attempts, jobs, logs and artifacts.
import { artifactsOf, artifactZip } from "../derived.ts";
import { renderArtifact, renderWorkflow } from "../github/objects.ts";
import { jobsAt, renderJob, renderRun, runStateAt } from "../github/runs.ts";
import { type CacheUse, renderJobLog } from "../job-log.ts";
import type { SimRun } from "../model.ts";
import { parseCreated } from "./created-filter.ts";
import { errorResponse, notFound, paginate, type SimResponse } from "./http.ts";
import { linkBase, type RouteRequest, renderContext, signedUrl } from "./sim.ts";

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

function requireRepo(request: RouteRequest) {
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

function findRun(request: RouteRequest): SimRun | undefined {
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

/** Finds a job of the repository by id (ids encode run and attempt, see attempts.ts). */
function findJob(request: RouteRequest) {
  const repo = requireRepo(request);
  const jobId = Number(request.params.job_id);
  const run = request.sim.world.run(Math.floor(jobId / 100), request.now);
  if (!run || run.repoId !== repo.id) return undefined;
  const attempt = Math.floor((jobId % 100) / 20) + 1;
  if (!request.sim.world.attemptsAt(run, request.now).some((a) => a.number === attempt))
    return undefined;
  const job = request.sim.world
    .attempt(run, attempt)
    .jobs.find((j) => j.id === jobId && j.createdAt <= request.now);
  return job ? { run, job } : undefined;
}

export function getJob(request: RouteRequest): SimResponse {
  const found = findJob(request);
  const workflow = found && request.sim.world.workflow(found.run.workflowId);
  if (!found || !workflow) return notFound();
  return {
    status: 200,
    body: renderJob(renderContext(request), workflow.repo, workflow.workflow, found.run, found.job),
  };
}

/** 302 to a signed URL (GitHub redirects log downloads to blob storage). */
export function jobLogsRedirect(request: RouteRequest): SimResponse {
  const found = findJob(request);
  if (!found || found.job.completedAt > request.now) return notFound();
  const location = signedUrl(request.sim, `/_sim/blobs/logs/${found.job.id}`);
  return {
    status: 302,
    raw: { bytes: "", contentType: "text/html;charset=utf-8" },
    headers: { location },
  };
}

/** A step's `with:` inputs as the runner prints them: expressions already evaluated. */
function evaluatedInputs(inputs: Record<string, string> | undefined, cache: CacheUse | undefined) {
  if (!inputs || !cache || inputs.key === undefined) return inputs;
  const evaluated: Record<string, string> = { ...inputs, key: cache.key };
  if (inputs["restore-keys"] !== undefined)
    evaluated["restore-keys"] = cache.restoreKeys.join("\n");
  return evaluated;
}

/** The log text behind a signed URL (no authentication, like blob storage). */
export function jobLogText(request: RouteRequest, jobId: number): SimResponse {
  const run = request.sim.world.run(Math.floor(jobId / 100), request.now);
  if (!run) return errorResponse(404, "The specified blob does not exist.");
  const attempt = Math.floor((jobId % 100) / 20) + 1;
  const job = request.sim.world.attempt(run, attempt).jobs.find((j) => j.id === jobId);
  if (!job || job.runnerName === null)
    return errorResponse(404, "The specified blob does not exist.");
  const repo = request.sim.world.repoById(run.repoId);
  const text = renderJobLog({
    name: job.name,
    runnerName: job.runnerName,
    labels: job.labels,
    repository: repo ? `${repo.owner}/${repo.name}` : undefined,
    headSha: run.event.sha,
    headBranch: run.event.branch,
    steps: job.steps.flatMap((step) => {
      if (step.startedAt === null || step.completedAt === null) return [];
      const cache =
        step.cache ??
        (step.post ? job.steps.find((s) => s.spec === step.spec && !s.post)?.cache : undefined);
      return [
        {
          number: step.number,
          name: step.name,
          uses: step.spec?.uses,
          with: evaluatedInputs(step.spec?.with, cache),
          run: step.spec?.run,
          startedAt: new Date(step.startedAt),
          completedAt: new Date(step.completedAt),
          conclusion: step.conclusion,
          cache,
          post: step.post,
        },
      ];
    }),
  });
  return {
    status: 200,
    raw: { bytes: text, contentType: "text/plain; charset=utf-8" },
    spend: false,
  };
}

export function listArtifacts(request: RouteRequest): SimResponse {
  const run = findRun(request);
  if (!run) return notFound();
  const name = request.query.get("name");
  const all = artifactsOf(request.sim.world, run, request.now)
    .filter((a) => name === null || a.facts.name === name)
    .reverse();
  const page = paginate(all, request.query, linkBase(request));
  const repo = requireRepo(request);
  return {
    status: 200,
    body: {
      total_count: all.length,
      artifacts: page.items.map((a) =>
        renderArtifact(request.sim.urls, repo, a.facts, request.now),
      ),
    },
    headers: page.link ? { link: page.link } : {},
  };
}

function findArtifact(request: RouteRequest, id: number) {
  const run = request.sim.world.run(Math.floor(id / 100), request.now);
  if (!run || (request.repo && run.repoId !== request.repo.id)) return undefined;
  return artifactsOf(request.sim.world, run, request.now).find((a) => a.facts.id === id);
}

export function getArtifact(request: RouteRequest): SimResponse {
  const found = findArtifact(request, Number(request.params.artifact_id));
  return found
    ? {
        status: 200,
        body: renderArtifact(request.sim.urls, requireRepo(request), found.facts, request.now),
      }
    : notFound();
}

/** 302 to the zip, or 410 Gone once the artifact expired. */
export function downloadArtifact(request: RouteRequest): SimResponse {
  if (request.params.archive_format !== "zip") return notFound();
  const found = findArtifact(request, Number(request.params.artifact_id));
  if (!found) return notFound();
  if (request.now >= found.facts.expiresAt) {
    return errorResponse(
      410,
      "Artifact has expired",
      "https://docs.github.com/rest/actions/artifacts#download-an-artifact",
    );
  }
  const location = signedUrl(request.sim, `/_sim/blobs/artifacts/${found.facts.id}`);
  return {
    status: 302,
    raw: { bytes: "", contentType: "text/html;charset=utf-8" },
    headers: { location },
  };
}

export function artifactBytes(request: RouteRequest, id: number): SimResponse {
  const found = findArtifact(request, id);
  if (!found) return errorResponse(404, "The specified blob does not exist.");
  return {
    status: 200,
    raw: { bytes: artifactZip(request.sim.world, found.attempt), contentType: "application/zip" },
    spend: false,
  };
}
