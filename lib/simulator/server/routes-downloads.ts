// Handlers for single jobs, job logs and artifacts: what a client downloads.
import { artifactsOf, artifactZip } from "../derived.ts";
import { renderArtifact } from "../github/objects.ts";
import { renderJob } from "../github/runs.ts";
import { type CacheUse, renderJobLog } from "../job-log.ts";
import { errorResponse, notFound, paginate, type SimResponse } from "./http.ts";
import { findRun, requireRepo } from "./routes-actions.ts";
import { linkBase, type RouteRequest, renderContext, signedUrl } from "./sim.ts";

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
