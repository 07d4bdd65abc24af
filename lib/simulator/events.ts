// What triggers runs: pushes and pull requests (a Poisson stream per repository and day, from
// a random source of that day alone, so a day always has the same events), guaranteed pushes,
// the busier pushes of live time, and schedules.
import type { RepoSpec, SimEvent, WorkflowSpec } from "./model.ts";
import { Random, seedOf } from "./random.ts";
import type { WorldOptions } from "./world.ts";

const DAY = 24 * 3600 * 1000;
const ACTORS = ["octocat", "mona", "hubot", "dependabot[bot]", "ana-dev", "li-wei", "sam-ops"];
const MESSAGES = [
  "Fix flaky retry in payment client",
  "Bump dependencies",
  "Add metrics endpoint",
  "Refactor session store",
  "Update README",
  "Speed up image build",
  "Handle empty pages in exporter",
  "Tighten input validation",
];

export function eventsOfDay(options: WorldOptions, repo: RepoSpec, day: number): SimEvent[] {
  const rnd = new Random(seedOf(options.seed, "events", repo.id, day));
  const events: SimEvent[] = [];
  const stream = (perDay: number, make: (at: number, n: number) => SimEvent) => {
    if (perDay <= 0) return;
    let at = day + (-Math.log(1 - rnd.next()) / perDay) * DAY;
    for (let n = 0; at < day + DAY; n++) {
      events.push(make(Math.round(at), n));
      at += (-Math.log(1 - rnd.next()) / perDay) * DAY;
    }
  };
  const quiet = (at: number) => repo.quietFrom !== undefined && at >= repo.quietFrom;
  stream(repo.pushesPerDay, (at) => ({
    kind: "push",
    at,
    sha: rnd.hex(40),
    branch: repo.defaultBranch,
    actor: rnd.pick(ACTORS),
    message: rnd.pick(MESSAGES),
  }));
  stream(repo.pullRequestsPerDay, (at) => {
    const pullRequest = rnd.int(100, 999);
    return {
      kind: "pull_request",
      at,
      sha: rnd.hex(40),
      branch: `feature/change-${pullRequest}`,
      actor: rnd.pick(ACTORS),
      message: rnd.pick(MESSAGES),
      pullRequest,
    };
  });
  for (const at of repo.extraPushes ?? []) {
    if (at < day || at >= day + DAY) continue;
    const extra = new Random(seedOf(options.seed, "extra", repo.id, at));
    events.push({
      kind: "push",
      at,
      sha: extra.hex(40),
      branch: repo.defaultBranch,
      actor: extra.pick(ACTORS),
      message: extra.pick(MESSAGES),
    });
  }
  events.push(...livePushes(options, repo, day));
  events.sort((a, b) => a.at - b.at);
  return events.filter((e) => !quiet(e.at) && e.at >= options.historyStart);
}

/** The extra pushes of live time (liveRateFactor), from their own random source so that
 *  the history is the same whatever the factor. */
function livePushes(options: WorldOptions, repo: RepoSpec, day: number): SimEvent[] {
  const extra = Math.max(0, (options.liveRateFactor ?? 1) - 1) * repo.pushesPerDay;
  const { historyEnd } = options;
  if (extra <= 0 || day + DAY <= historyEnd) return [];
  const rnd = new Random(seedOf(options.seed, "live", repo.id, day));
  const out: SimEvent[] = [];
  for (
    let at = day + (-Math.log(1 - rnd.next()) / extra) * DAY;
    at < day + DAY;
    at += (-Math.log(1 - rnd.next()) / extra) * DAY
  ) {
    const time = Math.round(at);
    const event: SimEvent = {
      kind: "push",
      at: time,
      sha: rnd.hex(40),
      branch: repo.defaultBranch,
      actor: rnd.pick(ACTORS),
      message: rnd.pick(MESSAGES),
    };
    if (time >= historyEnd) out.push(event);
  }
  return out;
}

export function scheduleEvents(
  options: WorldOptions,
  repo: RepoSpec,
  workflow: WorkflowSpec,
  day: number,
): SimEvent[] {
  const schedule = workflow.on.schedule;
  if (!schedule) return [];
  const out: SimEvent[] = [];
  for (let at = day + schedule.offsetMs; at < day + DAY; at += schedule.everyMs) {
    if (at < options.historyStart) continue;
    const sha = new Random(seedOf(options.seed, "head", repo.id, day)).hex(40);
    out.push({
      kind: "schedule",
      at,
      sha,
      branch: repo.defaultBranch,
      actor: "octocat",
      message: "Scheduled run",
    });
  }
  return out;
}
