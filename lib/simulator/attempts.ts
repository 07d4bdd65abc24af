// Lays out one attempt of a run in time: its jobs (in `needs` order), their queue time, their
// steps with GitHub's numbering (post steps after a gap), cache outcomes and failures.
// Deterministic: the same run, attempt and seed always give the same jobs.
import type { CacheUse } from "./job-log.ts";
import type {
  Anomaly,
  AttemptInstance,
  AttemptPlan,
  CacheSpec,
  JobInstance,
  JobSpec,
  RepoSpec,
  SimRun,
  StepInstance,
  WorkflowSpec,
} from "./model.ts";
import { Random, seedOf } from "./random.ts";

const SECOND = 1000;
const WEEK = 7 * 24 * 3600 * SECOND;
/** Actions whose main step registers a post step. */
const HAS_POST = /^actions\/(checkout|cache|setup-[a-z]+)@/;

export type AttemptContext = {
  seed: number;
  repo: RepoSpec;
  workflow: WorkflowSpec;
  /** The span of the generated history, for trends such as a creeping duration. */
  historyStart: number;
  historyEnd: number;
};

/** A job's id: unique per run, attempt and job (GitHub gives every attempt new job ids). */
export function jobIdOf(runId: number, attempt: number, jobIndex: number): number {
  if (attempt < 1 || attempt > 5 || jobIndex < 0 || jobIndex >= 20) {
    throw new Error(`job ids hold 5 attempts of 20 jobs; got attempt ${attempt}, job ${jobIndex}`);
  }
  return runId * 100 + (attempt - 1) * 20 + jobIndex;
}

/** The anomaly of `kind` in effect at `at`, if any. */
function activeFrom<K extends Anomaly["kind"]>(workflow: WorkflowSpec, kind: K, at: number) {
  return workflow.anomalies.find(
    (a): a is Extract<Anomaly, { kind: K }> => a.kind === kind && at >= a.from,
  );
}

function durationScale(ctx: AttemptContext, at: number): number {
  const scale = ctx.workflow.durationScale;
  if (!scale) return 1;
  const span = Math.max(1, ctx.historyEnd - ctx.historyStart);
  const progress = Math.min(1, Math.max(0, (at - ctx.historyStart) / span));
  return scale.from + (scale.to - scale.from) * progress;
}

function cacheUseFor(ctx: AttemptContext, spec: CacheSpec, at: number, rnd: Random): CacheUse {
  // The lockfile hash changes weekly; a broken key embeds something that differs every run.
  const week = Math.floor(at / WEEK);
  const broken = activeFrom(ctx.workflow, "cache-key-broken", at);
  const hash = new Random(seedOf(ctx.seed, ctx.repo.id, spec.keyPrefix, broken ? at : week)).hex(
    64,
  );
  const key = `${spec.keyPrefix}${hash}`;
  const restoreKeys = spec.restoreKeys ? [spec.keyPrefix] : [];
  const roll = rnd.next();
  let outcome: CacheUse["outcome"];
  if (broken) outcome = restoreKeys.length > 0 && roll < 0.1 ? "partial" : "miss";
  else if (roll < 0.9) outcome = "exact";
  else if (restoreKeys.length > 0 && roll < 0.97) outcome = "partial";
  else outcome = "miss";
  const previous = new Random(seedOf(ctx.seed, ctx.repo.id, spec.keyPrefix, week - 1)).hex(64);
  const save: CacheUse["save"] =
    outcome === "exact" ? "hit-not-saved" : rnd.chance(0.05) ? "reserve-failed" : "saved";
  return {
    tool: spec.tool,
    version: spec.version,
    packageManager: spec.packageManager,
    key,
    restoreKeys,
    outcome,
    matchedKey: outcome === "partial" ? `${spec.keyPrefix}${previous}` : undefined,
    sizeBytes: Math.round(rnd.around(spec.sizeBytes, 0.05)),
    save,
  };
}

type JobPlan = { fail: boolean; cancelAt?: number; skip: boolean };

function buildSteps(
  ctx: AttemptContext,
  job: JobSpec,
  startedAt: number,
  plan: JobPlan,
  rnd: Random,
): { steps: StepInstance[]; completedAt: number; conclusion: JobInstance["conclusion"] } {
  const scale = durationScale(ctx, startedAt);
  const fastPush = activeFrom(ctx.workflow, "push-too-fast", startedAt);
  const steps: StepInstance[] = [];
  let t = startedAt;
  const push = (step: Omit<StepInstance, "number" | "startedAt" | "completedAt">, ms: number) => {
    const end = t + Math.max(SECOND, Math.round(ms));
    steps.push({ number: steps.length + 1, ...step, startedAt: t, completedAt: end });
    t = end;
  };
  push({ name: "Set up job", conclusion: "success" }, rnd.around(2 * SECOND, 0.5));
  // The step that fails: the last test or build step, else the last step.
  const lastWork = job.steps.findLastIndex((s) => s.role === "test" || s.role === "build");
  const failIndex = plan.fail ? (lastWork >= 0 ? lastWork : job.steps.length - 1) : -1;
  let state: "ok" | "failed" | "cancelled" = "ok";
  const ran: typeof job.steps = [];
  for (const [index, spec] of job.steps.entries()) {
    // After a failure only `if: always()` steps run (uploading the test report, say).
    if (state === "cancelled" || (state === "failed" && !spec.always)) {
      steps.push({
        number: steps.length + 1,
        name: spec.name,
        spec,
        startedAt: null,
        completedAt: null,
        conclusion: "skipped",
      });
      continue;
    }
    let ms = rnd.around(spec.meanMs * scale, 0.15);
    if (fastPush && (spec.role === "push" || spec.role === "deploy"))
      ms = spec.meanMs * fastPush.factor;
    const cache = spec.cache ? cacheUseFor(ctx, spec.cache, startedAt, rnd) : undefined;
    if (plan.cancelAt !== undefined && t + ms > plan.cancelAt) {
      push(
        { name: spec.name, spec, conclusion: "cancelled", cache },
        Math.max(SECOND, plan.cancelAt - t),
      );
      state = "cancelled";
      continue;
    }
    const failed = index === failIndex;
    push({ name: spec.name, spec, conclusion: failed ? "failure" : "success", cache }, ms);
    ran.push(spec);
    if (failed) state = "failed";
  }
  // GitHub numbers post steps after a gap: one slot per `uses` step, plus one.
  const uses = job.steps.filter((s) => s.uses).length;
  let number = job.steps.length + 1 + uses + 2;
  for (const spec of [...ran].reverse()) {
    if (!spec.uses || !HAS_POST.test(spec.uses)) continue;
    const saveOnly = spec.cache !== undefined && state !== "ok"; // cache saves only after success
    const start = t;
    const ms = spec.cache && !saveOnly ? rnd.around(4 * SECOND, 0.5) : rnd.around(SECOND, 0.5);
    t = saveOnly ? t : t + Math.round(ms);
    steps.push({
      number: number++,
      name: `Post ${spec.name}`,
      spec,
      post: true,
      startedAt: saveOnly ? null : start,
      completedAt: saveOnly ? null : t,
      conclusion: saveOnly ? "skipped" : "success",
    });
  }
  const end = t + Math.round(rnd.around(SECOND, 0.5));
  steps.push({
    number,
    name: "Complete job",
    startedAt: t,
    completedAt: end,
    conclusion: "success",
  });
  const conclusion =
    state === "failed" ? "failure" : state === "cancelled" ? "cancelled" : "success";
  return { steps, completedAt: end, conclusion };
}

type JobTimes = Pick<
  JobInstance,
  "createdAt" | "startedAt" | "completedAt" | "conclusion" | "runnerName" | "steps"
>;

function jobOf(spec: JobSpec, id: number, runAttempt: number, times: JobTimes): JobInstance {
  return { id, name: spec.name, spec, runAttempt, labels: [spec.runsOn], ...times };
}

/** The jobs of one attempt, laid out in time. */
export function buildAttempt(ctx: AttemptContext, run: SimRun, plan: AttemptPlan): AttemptInstance {
  // Seeded by what triggered the run, not by its id: the same run whatever its id.
  const rnd = new Random(seedOf(ctx.seed, run.workflowId, run.event.at, plan.number));
  const startedAt = plan.createdAt + Math.round(rnd.around(3 * SECOND, 0.5));
  const deploySkipped = activeFrom(ctx.workflow, "deploy-skipped", run.createdAt);
  const finished = new Map<string, JobInstance>();
  const jobs: JobInstance[] = [];
  // Cancellation happens partway through the attempt.
  const cancelAt =
    plan.outcome === "cancelled" ? startedAt + rnd.around(90 * SECOND, 0.6) : undefined;
  for (const [index, spec] of ctx.workflow.jobs.entries()) {
    const needs = spec.needs.map((name) => finished.get(name)).filter((j) => j !== undefined);
    const readyAt =
      Math.max(startedAt, ...needs.map((j) => j.completedAt)) +
      Math.round(rnd.around(2 * SECOND, 0.5));
    const id = jobIdOf(run.id, plan.number, index);
    const blocked = needs.some((j) => j.conclusion !== "success");
    if (
      blocked ||
      (spec.deploy && deploySkipped) ||
      (cancelAt !== undefined && readyAt > cancelAt)
    ) {
      const conclusion =
        cancelAt !== undefined && readyAt > cancelAt && !blocked ? "cancelled" : "skipped";
      const job = jobOf(spec, id, plan.number, {
        createdAt: readyAt,
        startedAt: readyAt,
        completedAt: readyAt,
        conclusion,
        runnerName: null,
        steps: [],
      });
      finished.set(spec.name, job);
      jobs.push(job);
      continue;
    }
    const jobStart = readyAt + Math.round(rnd.around(spec.queueMeanMs, 0.6));
    const fail = plan.outcome === "failure" && plan.failingJob === index;
    const built = buildSteps(ctx, spec, jobStart, { fail, cancelAt, skip: false }, rnd);
    const job = jobOf(spec, id, plan.number, {
      createdAt: readyAt,
      startedAt: jobStart,
      completedAt: built.completedAt,
      conclusion: built.conclusion,
      runnerName: `GitHub Actions ${rnd.int(1_000_000_000, 1_999_999_999)}`,
      steps: built.steps,
    });
    finished.set(spec.name, job);
    jobs.push(job);
  }
  const completedAt =
    Math.max(startedAt, ...jobs.map((j) => j.completedAt)) +
    Math.round(rnd.around(2 * SECOND, 0.5));
  const conclusion = jobs.some((j) => j.conclusion === "failure")
    ? "failure"
    : jobs.some((j) => j.conclusion === "cancelled")
      ? "cancelled"
      : "success";
  return {
    run,
    number: plan.number,
    createdAt: plan.createdAt,
    startedAt,
    completedAt,
    conclusion,
    jobs,
  };
}
