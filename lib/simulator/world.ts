// The simulated organisation over time: repositories, workflows and the runs their triggers
// produced. History is generated day by day, in order, so that run ids grow with time as on
// GitHub and live mode can extend it as the simulated clock moves on.
import { type AttemptContext, buildAttempt } from "./attempts.ts";
import { eventsOfDay, scheduleEvents } from "./events.ts";
import type {
  AttemptInstance,
  AttemptPlan,
  RepoSpec,
  SimEvent,
  SimRun,
  WorkflowSpec,
} from "./model.ts";
import { Random, seedOf } from "./random.ts";

const DAY = 24 * 3600 * 1000;
/** Run ids are seconds since this epoch × 1000 + the workflow's index in the scenario: they
 *  rise with time like GitHub's, and a run keeps its id whenever the simulator is restarted. */
const ID_EPOCH_SECONDS = Date.UTC(2020, 0, 1) / 1000;

export type WorldOptions = {
  seed: number;
  historyStart: number;
  historyEnd: number;
  /** Pushes after historyEnd come this many times as often: a demo that visibly moves. */
  liveRateFactor?: number;
};

export class World {
  readonly repos: RepoSpec[];
  private readonly runsByRepo = new Map<number, SimRun[]>();
  private readonly runsById = new Map<number, SimRun>();
  private readonly runNumbers = new Map<number, number>();
  private readonly usedIds = new Set<number>();
  /** Each workflow with its repository and its index in the scenario (for run ids). */
  private readonly workflows = new Map<
    number,
    { repo: RepoSpec; workflow: WorkflowSpec; index: number }
  >();
  private readonly attemptCache = new Map<string, AttemptInstance>();
  private generatedUntil: number;

  constructor(
    repos: RepoSpec[],
    readonly options: WorldOptions,
  ) {
    this.repos = repos;
    this.generatedUntil = Math.floor(options.historyStart / DAY) * DAY;
    for (const repo of repos) this.runsByRepo.set(repo.id, []);
    for (const repo of repos) {
      for (const workflow of repo.workflows) {
        this.workflows.set(workflow.id, { repo, workflow, index: this.workflows.size });
      }
    }
    if (this.workflows.size > 1000) throw new Error("a scenario can have at most 1,000 workflows");
  }

  /** Generates history up to `time` (whole days at a time). */
  extendTo(time: number): void {
    while (this.generatedUntil <= time) {
      this.generateDay(this.generatedUntil);
      this.generatedUntil += DAY;
    }
  }

  repo(owner: string, name: string): RepoSpec | undefined {
    const lower = `${owner}/${name}`.toLowerCase();
    return this.repos.find((r) => `${r.owner}/${r.name}`.toLowerCase() === lower);
  }

  repoById(id: number): RepoSpec | undefined {
    return this.repos.find((r) => r.id === id);
  }

  workflow(id: number): { repo: RepoSpec; workflow: WorkflowSpec } | undefined {
    return this.workflows.get(id);
  }

  /** Runs of a repository created at or before `now`, oldest first. */
  runs(repoId: number, now: number): SimRun[] {
    this.extendTo(now);
    const all = this.runsByRepo.get(repoId) ?? [];
    let end = all.length;
    while (end > 0 && (all[end - 1]?.createdAt ?? 0) > now) end--;
    return all.slice(0, end);
  }

  run(id: number, now: number): SimRun | undefined {
    this.extendTo(now);
    const run = this.runsById.get(id);
    return run && run.createdAt <= now ? run : undefined;
  }

  /** When the repository last got a push, at `now` (its creation when it never did). */
  lastPushAt(repo: RepoSpec, now: number): number {
    const runs = this.runs(repo.id, now);
    for (let i = runs.length - 1; i >= 0; i--) {
      const event = runs[i]?.event;
      if (event?.kind === "push") return event.at;
    }
    return repo.createdAt;
  }

  /** The attempts of `run` that exist at `now`. */
  attemptsAt(run: SimRun, now: number): AttemptPlan[] {
    return run.attempts.filter((a) => a.createdAt <= now);
  }

  /** One attempt laid out in time (memoised; the layout never changes). */
  attempt(run: SimRun, number: number): AttemptInstance {
    const key = `${run.id}/${number}`;
    const cached = this.attemptCache.get(key);
    if (cached) return cached;
    const plan = run.attempts.find((a) => a.number === number);
    const found = this.workflow(run.workflowId);
    if (!plan || !found) throw new Error(`no attempt ${number} of run ${run.id}`);
    const instance = buildAttempt(this.contextFor(found.repo, found.workflow), run, plan);
    if (this.attemptCache.size >= 4000) {
      const oldest = this.attemptCache.keys().next().value;
      if (oldest !== undefined) this.attemptCache.delete(oldest);
    }
    this.attemptCache.set(key, instance);
    return instance;
  }

  private contextFor(repo: RepoSpec, workflow: WorkflowSpec): AttemptContext {
    const { seed, historyStart, historyEnd } = this.options;
    return { seed, repo, workflow, historyStart, historyEnd };
  }

  private triggers(workflow: WorkflowSpec, event: SimEvent): boolean {
    if (workflow.state !== "active" && !workflow.anomalies.some((a) => a.kind === "stopped"))
      return false;
    if (workflow.anomalies.some((a) => a.kind === "stopped" && event.at >= a.from)) return false;
    if (event.kind === "push") return workflow.on.push === true;
    if (event.kind === "pull_request") return workflow.on.pullRequest === true;
    return true; // schedule events are per workflow already
  }

  private generateDay(day: number): void {
    const pending: { repo: RepoSpec; workflow: WorkflowSpec; index: number; event: SimEvent }[] =
      [];
    for (const repo of this.repos) {
      const events = eventsOfDay(this.options, repo, day);
      for (const [index, workflow] of repo.workflows.entries()) {
        const mine = [...events, ...scheduleEvents(this.options, repo, workflow, day)];
        for (const event of mine) {
          if (this.triggers(workflow, event)) pending.push({ repo, workflow, index, event });
        }
      }
    }
    // A run is created a few seconds after its trigger; ids follow creation order.
    const timed = pending.map((entry) => {
      const rnd = new Random(seedOf(this.options.seed, "run", entry.workflow.id, entry.event.at));
      // Whole seconds, as GitHub shows them (a `created` filter compares seconds).
      const createdAt = Math.floor(entry.event.at / 1000) * 1000 + rnd.int(1, 4) * 1000;
      return { ...entry, rnd, createdAt };
    });
    timed.sort((a, b) => a.createdAt - b.createdAt || a.repo.id - b.repo.id || a.index - b.index);
    for (const { repo, workflow, event, rnd, createdAt } of timed)
      this.addRun(repo, workflow, event, rnd, createdAt);
  }

  private addRun(
    repo: RepoSpec,
    workflow: WorkflowSpec,
    event: SimEvent,
    rnd: Random,
    created: number,
  ): void {
    const index = this.workflows.get(workflow.id)?.index ?? 0;
    let createdAt = created;
    let id = (createdAt / 1000 - ID_EPOCH_SECONDS) * 1000 + index;
    while (this.usedIds.has(id)) {
      createdAt += 1000; // the same workflow twice in one second: the second run a second later
      id += 1000;
    }
    this.usedIds.add(id);
    const runNumber = (this.runNumbers.get(workflow.id) ?? 0) + 1;
    this.runNumbers.set(workflow.id, runNumber);
    const run: SimRun = {
      id,
      repoId: repo.id,
      workflowId: workflow.id,
      runNumber,
      event,
      createdAt,
      attempts: [],
    };
    run.attempts = this.planAttempts(repo, workflow, run, rnd);
    this.runsByRepo.get(repo.id)?.push(run);
    this.runsById.set(id, run);
  }

  /** Decides each attempt's fate: success, a real failure (maybe re-run), a flake, a cancel. */
  private planAttempts(
    repo: RepoSpec,
    workflow: WorkflowSpec,
    run: SimRun,
    rnd: Random,
  ): AttemptPlan[] {
    const roll = rnd.next();
    const failingJob = () => {
      const candidates = workflow.jobs.map((j, i) => (j.deploy ? -1 : i)).filter((i) => i >= 0);
      return rnd.pick(candidates.length > 0 ? candidates : [0]);
    };
    const first: AttemptPlan = { number: 1, createdAt: run.createdAt, outcome: "success" };
    let second: Omit<AttemptPlan, "number" | "createdAt"> | undefined;
    if (roll < workflow.cancelRate) first.outcome = "cancelled";
    else if (roll < workflow.cancelRate + workflow.failureRate) {
      Object.assign(first, { outcome: "failure", failingJob: failingJob() });
      if (rnd.chance(0.3)) second = { outcome: "failure", failingJob: first.failingJob };
    } else if (roll < workflow.cancelRate + workflow.failureRate + workflow.flakyRate) {
      Object.assign(first, { outcome: "failure", failingJob: failingJob() });
      second = { outcome: "success" };
    }
    const plans = [first];
    if (second) {
      run.attempts = plans;
      const done = buildAttempt(this.contextFor(repo, workflow), run, first).completedAt;
      plans.push({ number: 2, createdAt: done + rnd.int(3, 30) * 60_000, ...second });
    }
    return plans;
  }
}
