// What GitHub derives from runs: test-report artifacts, deployments and the Actions cache.
import type { ArtifactFacts, CacheEntryFacts, DeploymentFacts } from "./github/objects.ts";
import { renderJUnit, type TestCaseRun } from "./junit.ts";
import type { AttemptInstance, JobInstance, RepoSpec, SimRun } from "./model.ts";
import { Random, seedOf } from "./random.ts";
import type { World } from "./world.ts";
import { zipFiles } from "./zip.ts";

const DAY = 24 * 3600 * 1000;
const VERBS = [
  "handles",
  "rejects",
  "retries",
  "parses",
  "caches",
  "renders",
  "charges",
  "refunds",
  "syncs",
  "validates",
];
const NOUNS = [
  "EmptyInput",
  "LargePayload",
  "Timeout",
  "UnicodeNames",
  "ExpiredToken",
  "Pagination",
  "Duplicates",
  "NullFields",
];

/** The job that runs the tests and uploads the report, if the workflow has one. */
function reportJob(attempt: AttemptInstance): JobInstance | undefined {
  return attempt.jobs.find((job) => job.spec.steps.some((step) => step.role === "test"));
}

function testNames(count: number, flaky: string[]): string[] {
  const names = [...flaky];
  for (let i = 0; names.length < count; i++) {
    names.push(
      `${VERBS[i % VERBS.length]}${NOUNS[Math.floor(i / VERBS.length) % NOUNS.length]}${i >= 80 ? i : ""}`,
    );
  }
  return names;
}

/** The test cases of one attempt's report, consistent with the attempt's outcome. */
export function testCasesOf(world: World, attempt: AttemptInstance): TestCaseRun[] {
  const found = world.workflow(attempt.run.workflowId);
  const spec = found?.workflow.testReport;
  const job = reportJob(attempt);
  if (!spec || !job) return [];
  const rnd = new Random(
    seedOf(
      world.options.seed,
      "tests",
      attempt.run.workflowId,
      attempt.run.event.at,
      attempt.number,
    ),
  );
  const names = testNames(spec.tests, spec.flakyTests);
  const failed =
    job.conclusion === "failure"
      ? spec.flakyTests.length > 0
        ? rnd.pick(spec.flakyTests)
        : rnd.pick(names)
      : undefined;
  const classname = spec.suite;
  return names.map((name) => {
    const timeMs = Math.round(rnd.around(40, 0.8));
    if (name === failed)
      return {
        classname,
        name,
        timeMs,
        outcome: "failed",
        failedTries: 2,
        message: "expected 200 but was 503",
      };
    if (spec.flakyTests.includes(name) && rnd.chance(spec.flakyChance)) {
      return {
        classname,
        name,
        timeMs,
        outcome: "flaky",
        failedTries: 1,
        message: "Timed out after 5000 ms",
      };
    }
    return { classname, name, timeMs, outcome: rnd.chance(0.02) ? "skipped" : "passed" };
  });
}

// Built once per attempt: listing artifacts needs the zip's size, downloading its bytes. Keyed
// by the attempt instance, which the world caches, so a zip lives as long as its attempt does.
const zips = new WeakMap<AttemptInstance, Uint8Array>();

/** The zipped report of an attempt (what the artifact download returns). */
export function artifactZip(world: World, attempt: AttemptInstance): Uint8Array {
  let zip = zips.get(attempt);
  if (!zip) {
    zip = buildArtifactZip(world, attempt);
    zips.set(attempt, zip);
  }
  return zip;
}

function buildArtifactZip(world: World, attempt: AttemptInstance): Uint8Array {
  const found = world.workflow(attempt.run.workflowId);
  const spec = found?.workflow.testReport;
  if (!spec) return zipFiles([{ name: "empty.txt", content: "" }]);
  const xml = renderJUnit(
    spec.format,
    spec.suite,
    testCasesOf(world, attempt),
    new Date(attempt.startedAt),
  );
  const file = spec.format === "surefire" ? `TEST-${spec.suite}.xml` : "junit.xml";
  return zipFiles([{ name: file, content: xml }]);
}

/** Test-report artifacts of a run that exist at `now` (one per attempt whose tests ran). */
export function artifactsOf(
  world: World,
  run: SimRun,
  now: number,
): { facts: ArtifactFacts; attempt: AttemptInstance }[] {
  const found = world.workflow(run.workflowId);
  const spec = found?.workflow.testReport;
  if (!found || !spec) return [];
  const out: { facts: ArtifactFacts; attempt: AttemptInstance }[] = [];
  for (const plan of world.attemptsAt(run, now)) {
    const attempt = world.attempt(run, plan.number);
    const job = reportJob(attempt);
    // The artifact exists when the upload step ran and succeeded.
    const upload = job?.steps.find(
      (s) => s.spec?.uses?.startsWith("actions/upload-artifact") && !s.post,
    );
    if (!job || job.completedAt > now || upload?.conclusion !== "success") continue;
    out.push({
      attempt,
      facts: {
        id: job.id,
        name: `${spec.artifactName}-${attempt.number}`,
        sizeInBytes: artifactZip(world, attempt).length,
        createdAt: job.completedAt,
        expiresAt: job.completedAt + found.workflow.artifactRetentionDays * DAY,
        runId: run.id,
        headSha: run.event.sha,
        headBranch: run.event.branch,
      },
    });
  }
  return out;
}

/** Deployments created by deploy jobs of `repo` that started by `now`, newest first. */
export function deploymentsOf(world: World, repo: RepoSpec, now: number): DeploymentFacts[] {
  const out: DeploymentFacts[] = [];
  for (const run of world.runs(repo.id, now)) {
    const found = world.workflow(run.workflowId);
    const environment = found?.workflow.deploymentEnvironment;
    if (!environment) continue;
    for (const plan of world.attemptsAt(run, now)) {
      const job = world.attempt(run, plan.number).jobs.find((j) => j.spec.deploy);
      if (
        !job ||
        job.startedAt > now ||
        (job.conclusion !== "success" && job.conclusion !== "failure")
      )
        continue;
      const logUrl = `https://github.com/${repo.owner}/${repo.name}/actions/runs/${run.id}/job/${job.id}`;
      out.push({
        id: job.id,
        sha: run.event.sha,
        ref: run.event.branch,
        environment,
        creator: "github-actions[bot]",
        createdAt: job.startedAt,
        statuses: [
          { id: job.id * 2, state: "in_progress", at: job.startedAt, logUrl },
          { id: job.id * 2 + 1, state: job.conclusion, at: job.completedAt, logUrl },
        ],
      });
    }
  }
  return out.reverse();
}

/** The repository's Actions cache: the entries its jobs saved within the last 7 days. */
export function cachesOf(world: World, repo: RepoSpec, now: number): CacheEntryFacts[] {
  const byKey = new Map<string, CacheEntryFacts>();
  for (const run of world.runs(repo.id, now)) {
    if (run.createdAt < now - 7 * DAY) continue;
    for (const plan of world.attemptsAt(run, now)) {
      for (const job of world.attempt(run, plan.number).jobs) {
        if (job.completedAt > now) continue;
        for (const step of job.steps) {
          const cache = step.cache;
          if (!cache) continue;
          // Caches are scoped to the ref that saved them (pull requests: refs/pull/N/merge).
          const pr = run.event.pullRequest;
          const ref = pr === undefined ? `refs/heads/${run.event.branch}` : `refs/pull/${pr}/merge`;
          const existing = byKey.get(`${ref}|${cache.key}`);
          if (existing) existing.lastAccessedAt = Math.max(existing.lastAccessedAt, job.startedAt);
          else if (cache.save === "saved") {
            byKey.set(`${ref}|${cache.key}`, {
              id: seedOf("cache", repo.id, ref, cache.key),
              ref,
              key: cache.key,
              version: new Random(seedOf(cache.key)).hex(64),
              sizeInBytes: cache.sizeBytes,
              createdAt: job.completedAt,
              lastAccessedAt: job.completedAt,
            });
          }
        }
      }
    }
  }
  return [...byKey.values()].sort((a, b) => b.lastAccessedAt - a.lastAccessedAt);
}
