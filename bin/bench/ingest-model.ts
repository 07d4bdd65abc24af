// The fewest API requests any poller needs for a scenario, from the simulator's own model:
// one list request per 100 runs, one jobs request per completed attempt, one log request per
// job with cache steps, and, for runs with test reports, one artifact list plus one download
// request per report.

import { artifactsOf } from "@/lib/simulator/derived";
import { runStateAt } from "@/lib/simulator/github/runs";
import type { RunningSimulator } from "@/lib/simulator/server/index";

export type LowerBound = {
  runs: number;
  completedAttempts: number;
  lists: number;
  jobs: number;
  logs: number;
  artifacts: number;
  total: number;
};

export function lowerBound(sim: RunningSimulator, now: number, from: number): LowerBound {
  const world = sim.sim.world;
  const bound = {
    runs: 0,
    completedAttempts: 0,
    lists: 0,
    jobs: 0,
    logs: 0,
    artifacts: 0,
    total: 0,
  };
  for (const repo of world.repos) {
    let runs = 0;
    for (const run of world.runs(repo.id, now)) {
      const found = world.workflow(run.workflowId);
      if (!found || run.createdAt < from) continue;
      runs++;
      if (runStateAt(world, run, now).status !== "completed") continue;
      for (const plan of world.attemptsAt(run, now)) {
        bound.completedAttempts++;
        bound.jobs++;
        for (const job of world.attempt(run, plan.number).jobs) {
          if (job.steps.some((s) => s.cache && !s.post)) bound.logs++;
        }
      }
      const reports = artifactsOf(world, run, now).filter((a) => a.facts.expiresAt > now);
      if (reports.length > 0) bound.artifacts += 1 + reports.length;
    }
    bound.runs += runs;
    bound.lists += Math.ceil(runs / 100);
  }
  bound.total = bound.lists + bound.jobs + bound.logs + bound.artifacts;
  return bound;
}

/** Which part of the bound an endpoint's requests belong to. */
export function partOf(endpoint: string): keyof LowerBound | "other" {
  if (endpoint.endsWith("/actions/runs")) return "lists";
  if (endpoint.endsWith("/jobs")) return "jobs";
  if (endpoint.endsWith("/logs")) return "logs";
  if (endpoint.includes("/artifacts")) return "artifacts";
  return "other";
}
