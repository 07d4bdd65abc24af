import { describe, expect, it } from "vitest";
import type { SimRun } from "./model.ts";
import { buildScenario } from "./scenarios/index.ts";
import { World } from "./world.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const DAY = 24 * 3600 * 1000;

function demoWorld(seed = 42) {
  const scenario = buildScenario("demo", { now: NOW, days: 30 });
  if (!scenario) throw new Error("no demo");
  const world = new World(scenario.repos, { seed, historyStart: NOW - 30 * DAY, historyEnd: NOW });
  return {
    scenario,
    world,
    repo: (name: string) => scenario.repos.find((r) => r.name === name) ?? scenario.repos[0],
  };
}

const signature = (world: World, runs: SimRun[]) =>
  runs.map(
    (run) =>
      `${run.id}:${run.runNumber}:${run.event.sha}:${run.attempts.map((a) => a.outcome).join("/")}:${world.attempt(run, 1).completedAt}`,
  );

describe("World", () => {
  it("is deterministic: the same seed gives the same history, another seed another one", () => {
    const a = demoWorld(42);
    const b = demoWorld(42);
    const c = demoWorld(7);
    const api = a.repo("api")?.id ?? 0;
    expect(signature(a.world, a.world.runs(api, NOW))).toEqual(
      signature(b.world, b.world.runs(api, NOW)),
    );
    expect(signature(c.world, c.world.runs(api, NOW))).not.toEqual(
      signature(a.world, a.world.runs(api, NOW)),
    );
  });

  it("gives runs unique ids that grow with time, and per-workflow run numbers 1, 2, 3 ...", () => {
    const { world, scenario } = demoWorld();
    const all = scenario.repos.flatMap((repo) => world.runs(repo.id, NOW));
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const byTime = [...all].sort((x, y) => x.createdAt - y.createdAt);
    for (let i = 1; i < byTime.length; i++)
      expect(byTime[i]?.id).toBeGreaterThan(byTime[i - 1]?.id ?? 0);
    for (const repo of scenario.repos) {
      for (const workflow of repo.workflows) {
        const numbers = world
          .runs(repo.id, NOW)
          .filter((r) => r.workflowId === workflow.id)
          .map((r) => r.runNumber);
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      }
    }
  });

  it("lays jobs out in time: after what they need, steps in order, the attempt around them", () => {
    const { world, repo } = demoWorld();
    for (const run of world.runs(repo("api")?.id ?? 0, NOW).slice(-40)) {
      for (const plan of run.attempts) {
        const attempt = world.attempt(run, plan.number);
        for (const job of attempt.jobs) {
          expect(job.createdAt).toBeGreaterThanOrEqual(attempt.startedAt);
          expect(job.startedAt).toBeGreaterThanOrEqual(job.createdAt);
          expect(job.completedAt).toBeLessThanOrEqual(attempt.completedAt);
          for (const need of job.spec.needs) {
            const before = attempt.jobs.find((j) => j.name === need);
            expect(job.createdAt).toBeGreaterThanOrEqual(before?.completedAt ?? 0);
          }
          const ran = job.steps.filter((s) => s.startedAt !== null);
          for (let i = 1; i < ran.length; i++)
            expect(ran[i]?.startedAt).toBeGreaterThanOrEqual(ran[i - 1]?.completedAt ?? 0);
        }
        if (plan.number > 1) {
          expect(plan.createdAt).toBeGreaterThan(world.attempt(run, plan.number - 1).completedAt);
        }
      }
    }
  });

  it("shows only the runs created by `now`, and grows as time moves on", () => {
    const { world, repo } = demoWorld();
    const id = repo("data-pipeline")?.id ?? 0;
    const before = world.runs(id, NOW).length;
    expect(world.runs(id, NOW).every((r) => r.createdAt <= NOW)).toBe(true);
    expect(world.runs(id, NOW + 2 * 3600_000).length).toBeGreaterThanOrEqual(before + 3); // every 30 minutes
  });

  it("makes the anomalies happen from their start: skipped deploys, cache misses, a 2-second push", () => {
    const { world, repo } = demoWorld();
    const platform = repo("platform");
    const release = platform?.workflows[1];
    const runs = world.runs(platform?.id ?? 0, NOW).filter((r) => r.workflowId === release?.id);
    const recent = runs.filter((r) => r.createdAt >= NOW - 16 * 3600_000);
    const older = runs.filter((r) => r.createdAt < NOW - 17 * 3600_000).slice(-10);
    expect(recent.length).toBeGreaterThanOrEqual(3);
    for (const run of recent)
      expect(world.attempt(run, 1).jobs.find((j) => j.spec.deploy)?.conclusion).toBe("skipped");
    for (const run of older)
      expect(world.attempt(run, 1).jobs.find((j) => j.spec.deploy)?.conclusion).toBe("success");

    const mobile = repo("mobile");
    const outcomes = (from: number, to: number) =>
      world
        .runs(mobile?.id ?? 0, NOW)
        .filter((r) => r.createdAt >= from && r.createdAt < to)
        .flatMap((r) =>
          world
            .attempt(r, 1)
            .jobs.flatMap((j) => j.steps.flatMap((s) => (s.cache ? [s.cache.outcome] : []))),
        );
    const rate = (list: string[]) => list.filter((o) => o === "exact").length / list.length;
    expect(rate(outcomes(NOW - 29 * DAY, NOW - 7 * DAY))).toBeGreaterThan(0.8);
    expect(rate(outcomes(NOW - 6 * DAY, NOW))).toBe(0);

    const images = repo("images");
    const last = world.runs(images?.id ?? 0, NOW).at(-1);
    const push = last && world.attempt(last, 1).jobs[0]?.steps.find((s) => s.spec?.role === "push");
    expect(((push?.completedAt ?? 0) - (push?.startedAt ?? 0)) / 1000).toBeLessThanOrEqual(3);
  });
});

describe("live time", () => {
  it("keeps the history whatever the live rate, and is busier after it with a higher one", () => {
    const scenario = buildScenario("demo", { now: NOW, days: 30 });
    if (!scenario) throw new Error("no demo");
    const make = (liveRateFactor: number) =>
      new World(scenario.repos, {
        seed: 42,
        historyStart: NOW - 30 * DAY,
        historyEnd: NOW,
        liveRateFactor,
      });
    const calm = make(1);
    const busy = make(20);
    const later = NOW + 6 * 3600_000;
    for (const repo of scenario.repos) {
      const past = (world: World) =>
        world
          .runs(repo.id, later)
          .filter((r) => r.createdAt <= NOW)
          .map((r) => `${r.event.sha}:${r.createdAt}`);
      expect(past(busy)).toEqual(past(calm));
    }
    const future = (world: World) =>
      scenario.repos.reduce(
        (n, repo) => n + world.runs(repo.id, later).filter((r) => r.createdAt > NOW).length,
        0,
      );
    expect(future(busy)).toBeGreaterThan(future(calm) * 5);
  });
});

describe("restarts", () => {
  it("gives a run the same id and fate when the simulator starts an hour later", () => {
    const at = (now: number) => {
      const scenario = buildScenario("busy", { now, days: 30 });
      if (!scenario) throw new Error("no busy");
      const world = new World(scenario.repos, {
        seed: 42,
        historyStart: now - 30 * DAY,
        historyEnd: now,
      });
      const repo = scenario.repos[0]?.id ?? 0;
      return new Map(
        world
          .runs(repo, now)
          .map((run) => [
            run.id,
            `${run.event.sha}:${run.attempts.map((a) => a.outcome).join("/")}:${world.attempt(run, 1).completedAt}`,
          ]),
      );
    };
    const first = at(NOW);
    const later = at(NOW + 3600_000);
    const shared = [...first.keys()].filter((id) => later.has(id));
    expect(shared.length).toBeGreaterThan(first.size - 10);
    for (const id of shared) expect(later.get(id)).toBe(first.get(id));
  });
});
