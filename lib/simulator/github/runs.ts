// Workflow runs, attempts and jobs as GitHub shows them at the simulated time `now`: a run
// queued before its start, in progress until its last job ends, then completed.
import type { components } from "@octokit/openapi-types";
import type {
  AttemptInstance,
  JobInstance,
  RepoSpec,
  SimRun,
  StepInstance,
  WorkflowSpec,
} from "../model.ts";
import type { World } from "../world.ts";
import { iso, renderMinimalRepository, renderUser, type Urls } from "./repository.ts";

type Schemas = components["schemas"];
export type RunStatus = "queued" | "in_progress" | "completed";

export type RenderContext = { urls: Urls; now: number; world: World };

function statusAt(now: number, startedAt: number, completedAt: number): RunStatus {
  if (now < startedAt) return "queued";
  return now < completedAt ? "in_progress" : "completed";
}

/** A run is queued until its first job gets a runner, then in progress until its last ends. */
function attemptStatus(attempt: AttemptInstance, now: number): RunStatus {
  const firstStart = Math.min(...attempt.jobs.map((job) => job.startedAt), attempt.completedAt);
  return statusAt(now, Math.max(attempt.startedAt, firstStart), attempt.completedAt);
}

/** The latest moment at or before `now` when something in the attempt changed. */
function lastChange(attempt: AttemptInstance, now: number): number {
  const moments = [attempt.createdAt, attempt.startedAt, attempt.completedAt];
  for (const job of attempt.jobs) moments.push(job.createdAt, job.startedAt, job.completedAt);
  return Math.max(...moments.filter((t) => t <= now));
}

/** The attempt a run shows at `now`: its latest that exists by then. */
export function currentAttempt(world: World, run: SimRun, now: number): AttemptInstance {
  const plans = world.attemptsAt(run, now);
  const latest = plans.at(-1) ?? run.attempts[0];
  return world.attempt(run, latest?.number ?? 1);
}

/** The run's status and conclusion at `now` (as the list filter `status=` matches them). */
export function runStateAt(world: World, run: SimRun, now: number) {
  const attempt = currentAttempt(world, run, now);
  const status = attemptStatus(attempt, now);
  return { attempt, status, conclusion: status === "completed" ? attempt.conclusion : null };
}

function pullRequests(urls: Urls, repo: RepoSpec, run: SimRun): Schemas["pull-request-minimal"][] {
  const number = run.event.pullRequest;
  if (run.event.kind !== "pull_request" || number === undefined) return [];
  const ref = { id: repo.id, url: `${urls.api}/repos/${repo.owner}/${repo.name}`, name: repo.name };
  return [
    {
      id: repo.id * 10 + number,
      number,
      url: `${urls.api}/repos/${repo.owner}/${repo.name}/pulls/${number}`,
      head: { ref: run.event.branch, sha: run.event.sha, repo: ref },
      base: { ref: repo.defaultBranch, sha: run.event.sha.split("").reverse().join(""), repo: ref },
    },
  ];
}

/** A workflow run, showing `attemptNumber` (default: the latest at `now`). */
export function renderRun(
  ctx: RenderContext,
  run: SimRun,
  options: { attemptNumber?: number; excludePullRequests?: boolean } = {},
): Schemas["workflow-run"] {
  const { urls, now, world } = ctx;
  const found = world.workflow(run.workflowId);
  if (!found) throw new Error(`run ${run.id} has no workflow`);
  const { repo, workflow } = found;
  const attempt = options.attemptNumber
    ? world.attempt(run, options.attemptNumber)
    : currentAttempt(world, run, now);
  const status = attemptStatus(attempt, now);
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const runUrl = `${base}/actions/runs/${run.id}`;
  const minimal = renderMinimalRepository(urls, repo);
  const actor = renderUser(urls, run.event.actor);
  return {
    id: run.id,
    name: workflow.name,
    node_id: Buffer.from(`WFR_${run.id}`).toString("base64url"),
    check_suite_id: run.id * 3,
    check_suite_node_id: Buffer.from(`CS_${run.id * 3}`).toString("base64url"),
    head_branch: run.event.branch,
    head_sha: run.event.sha,
    path: workflow.path,
    run_number: run.runNumber,
    run_attempt: attempt.number,
    referenced_workflows: [],
    event: run.event.kind,
    status,
    conclusion: status === "completed" ? attempt.conclusion : null,
    workflow_id: workflow.id,
    url: runUrl,
    html_url: `${urls.html}/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
    pull_requests: options.excludePullRequests ? [] : pullRequests(urls, repo, run),
    // The run keeps its first attempt's created_at; GET .../attempts/{n} shows the attempt's own.
    created_at: iso(options.attemptNumber ? attempt.createdAt : run.createdAt),
    updated_at: iso(lastChange(attempt, now)),
    actor,
    triggering_actor: actor,
    run_started_at: iso(now >= attempt.startedAt ? attempt.startedAt : attempt.createdAt),
    jobs_url: `${runUrl}/jobs`,
    logs_url: `${runUrl}/logs`,
    check_suite_url: `${base}/check-suites/${run.id * 3}`,
    artifacts_url: `${runUrl}/artifacts`,
    cancel_url: `${runUrl}/cancel`,
    rerun_url: `${runUrl}/rerun`,
    previous_attempt_url: attempt.number > 1 ? `${runUrl}/attempts/${attempt.number - 1}` : null,
    workflow_url: `${base}/actions/workflows/${workflow.id}`,
    head_commit: {
      id: run.event.sha,
      tree_id: run.event.sha.split("").reverse().join(""),
      message: run.event.message,
      timestamp: iso(run.event.at),
      author: { name: run.event.actor, email: `${run.event.actor}@users.noreply.github.com` },
      committer: { name: "GitHub", email: "noreply@github.com" },
    },
    repository: minimal,
    head_repository: minimal,
    head_repository_id: repo.id,
    display_title: run.event.kind === "schedule" ? workflow.name : run.event.message,
  };
}

function renderStep(
  step: StepInstance,
  now: number,
  jobDone: boolean,
): Schemas["job"]["steps"] extends (infer S)[] | undefined ? S : never {
  if (step.startedAt === null || step.completedAt === null) {
    return {
      name: step.name,
      number: step.number,
      status: jobDone ? "completed" : "queued",
      conclusion: jobDone ? step.conclusion : null,
      started_at: null,
      completed_at: null,
    };
  }
  const status = statusAt(now, step.startedAt, step.completedAt);
  return {
    name: step.name,
    number: step.number,
    status,
    conclusion: status === "completed" ? step.conclusion : null,
    started_at: now >= step.startedAt ? iso(step.startedAt) : null,
    completed_at: status === "completed" ? iso(step.completedAt) : null,
  };
}

export function renderJob(
  ctx: RenderContext,
  repo: RepoSpec,
  workflow: WorkflowSpec,
  run: SimRun,
  job: JobInstance,
): Schemas["job"] {
  const { urls, now } = ctx;
  const status = statusAt(now, job.startedAt, job.completedAt);
  const base = `${urls.api}/repos/${repo.owner}/${repo.name}`;
  const started = now >= job.startedAt;
  const runner = started && job.runnerName !== null;
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${base}/actions/runs/${run.id}`,
    run_attempt: job.runAttempt,
    node_id: Buffer.from(`CR_${job.id}`).toString("base64url"),
    head_sha: run.event.sha,
    url: `${base}/actions/jobs/${job.id}`,
    html_url: `${urls.html}/${repo.owner}/${repo.name}/actions/runs/${run.id}/job/${job.id}`,
    status,
    conclusion: status === "completed" ? job.conclusion : null,
    created_at: iso(job.createdAt),
    started_at: iso(started ? job.startedAt : job.createdAt),
    completed_at: status === "completed" ? iso(job.completedAt) : null,
    name: job.name,
    // A queued job has no steps yet; a running one lists them all, the later ones queued.
    steps: started ? job.steps.map((step) => renderStep(step, now, status === "completed")) : [],
    check_run_url: `${base}/check-runs/${job.id}`,
    labels: job.labels,
    runner_id: runner ? job.id % 100_000 : null,
    runner_name: runner ? job.runnerName : null,
    runner_group_id: runner ? 0 : null,
    runner_group_name: runner ? "GitHub Actions" : null,
    workflow_name: workflow.name,
    head_branch: run.event.branch,
  };
}

/** The jobs of `run` that exist at `now`: of its latest attempt, or of every attempt. */
export function jobsAt(
  ctx: RenderContext,
  run: SimRun,
  filter: "latest" | "all",
  attemptNumber?: number,
): Schemas["job"][] {
  const found = ctx.world.workflow(run.workflowId);
  if (!found) return [];
  const plans = ctx.world.attemptsAt(run, ctx.now);
  const wanted =
    attemptNumber !== undefined
      ? plans.filter((p) => p.number === attemptNumber)
      : filter === "all"
        ? plans
        : plans.slice(-1);
  return wanted.flatMap((plan) =>
    ctx.world
      .attempt(run, plan.number)
      .jobs.filter((job) => job.createdAt <= ctx.now)
      .map((job) => renderJob(ctx, found.repo, found.workflow, run, job)),
  );
}
