// The simulator as Octokit sees it: pagination through thousands of runs, the 1,000-result
// cap, conditional requests, the rate-limit budget, bad tokens, expired artifacts, live time.
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_NOW as NOW, startTestSimulator } from "../testing/start.ts";
import type { RunningSimulator, SimulatorOptions } from "./index.ts";

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const running: RunningSimulator[] = [];

async function simulator(scenario: string, extra: Partial<SimulatorOptions> = {}) {
  const sim = await startTestSimulator(scenario, extra);
  running.push(sim);
  return { sim, octokit: new Octokit({ auth: "t", baseUrl: sim.url, log: quiet }) };
}

afterAll(async () => {
  await Promise.all(running.map((sim) => sim.close()));
});

describe("the simulator through Octokit", () => {
  let busy: Awaited<ReturnType<typeof simulator>>;
  beforeAll(async () => {
    busy = await simulator("busy");
  });

  it("pages through a repository of about 3,000 runs: every run once, newest first", async () => {
    const { octokit } = busy;
    const first = await octokit.rest.actions.listWorkflowRunsForRepo({
      owner: "acme",
      repo: "monorepo",
      per_page: 100,
    });
    const total = first.data.total_count;
    expect(total).toBeGreaterThan(2_800);
    const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
      owner: "acme",
      repo: "monorepo",
      per_page: 100,
    });
    expect(runs).toHaveLength(total);
    expect(new Set(runs.map((r) => r.id)).size).toBe(total);
    const times = runs.map((r) => Date.parse(r.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("stops filtered lists at 1,000 results, and a created window gets the rest", async () => {
    const { octokit } = busy;
    const completed = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
      owner: "acme",
      repo: "monorepo",
      per_page: 100,
      status: "completed",
    });
    expect(completed).toHaveLength(1_000);
    const day = new Date(NOW - 10 * 86_400_000).toISOString().slice(0, 10);
    const oneDay = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
      owner: "acme",
      repo: "monorepo",
      per_page: 100,
      created: day,
    });
    expect(oneDay.length).toBeGreaterThan(50);
    expect(oneDay.every((r) => r.created_at.startsWith(day))).toBe(true);
  });

  it("answers an unchanged resource with 304, which Octokit throws and which costs no budget", async () => {
    const { octokit } = busy;
    const first = await octokit.rest.actions.listWorkflowRunsForRepo({
      owner: "acme",
      repo: "monorepo",
      per_page: 5,
    });
    const before = Number(first.headers["x-ratelimit-remaining"]);
    const error = await octokit.rest.actions
      .listWorkflowRunsForRepo({
        owner: "acme",
        repo: "monorepo",
        per_page: 5,
        headers: { "if-none-match": first.headers.etag },
      })
      .catch((e: unknown) => e);
    expect((error as { status?: number }).status).toBe(304);
    const after = await octokit.rest.rateLimit.get();
    expect(after.data.resources.core.remaining).toBe(before);
  });

  it("rejects a wrong token with 401 Bad credentials", async () => {
    const stranger = new Octokit({ auth: "nope", baseUrl: busy.sim.url, log: quiet });
    const error = await stranger.rest.repos
      .get({ owner: "acme", repo: "monorepo" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, message: expect.stringMatching(/Bad credentials/) });
  });
});

describe("the rate-limit budget", () => {
  it("falls with each request, refuses with 403 at zero, and resets when the window ends", async () => {
    const { octokit } = await simulator("healthy", { budget: 5, budgetWindowMs: 1_500 });
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await octokit.rest.repos.get({ owner: "acme", repo: "api" });
      seen.push(Number(response.headers["x-ratelimit-remaining"]));
    }
    expect(seen).toEqual([4, 3, 2, 1, 0]);
    const refused = await octokit
      .request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "api", request: { retries: 0 } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
    expect(
      (refused as { response: { headers: Record<string, string> } }).response.headers[
        "x-ratelimit-remaining"
      ],
    ).toBe("0");
    const reset = Number(
      (refused as { response: { headers: Record<string, string> } }).response.headers[
        "x-ratelimit-reset"
      ],
    );
    expect(reset * 1000).toBeGreaterThan(Date.now() - 1000);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    const again = await octokit.rest.repos.get({ owner: "acme", repo: "api" });
    expect(again.headers["x-ratelimit-remaining"]).toBe("4");
  });
});

describe("artifacts and logs", () => {
  it("serves fresh test reports as zips and answers 410 Gone for expired ones", async () => {
    const { octokit } = await simulator("healthy");
    const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
      owner: "acme",
      repo: "api",
      per_page: 100,
      event: "push",
    });
    const ci = runs.filter((r) => r.name === "CI" && r.status === "completed");
    const fresh = await octokit.rest.actions.listWorkflowRunArtifacts({
      owner: "acme",
      repo: "api",
      run_id: ci[0]?.id ?? 0,
    });
    const artifact = fresh.data.artifacts[0];
    expect(artifact?.expired).toBe(false);
    const zip = await octokit.rest.actions.downloadArtifact({
      owner: "acme",
      repo: "api",
      artifact_id: artifact?.id ?? 0,
      archive_format: "zip",
    });
    expect(
      Buffer.from(zip.data as ArrayBuffer)
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const old = await octokit.rest.actions.listWorkflowRunArtifacts({
      owner: "acme",
      repo: "api",
      run_id: ci.at(-1)?.id ?? 0,
    });
    expect(old.data.artifacts[0]?.expired).toBe(true);
    const gone = await octokit.rest.actions
      .downloadArtifact({
        owner: "acme",
        repo: "api",
        artifact_id: old.data.artifacts[0]?.id ?? 0,
        archive_format: "zip",
      })
      .catch((e: unknown) => e);
    expect(gone).toMatchObject({ status: 410 });
  });
});

describe("live time", () => {
  it("queues, runs and completes new runs as the clock moves on", async () => {
    const { sim, octokit } = await simulator("scheduled");
    const list = async () =>
      (
        await octokit.rest.actions.listWorkflowRunsForRepo({
          owner: "acme",
          repo: "data-pipeline",
          per_page: 100,
        })
      ).data;
    const before = await list();
    // Forty simulated minutes in 10-second steps: a run every 30 minutes means at least one new one.
    const statuses = new Map<number, Set<string>>();
    for (let step = 0; step < 240; step++) {
      sim.sim.clock.advance(10_000);
      for (const run of (await list()).workflow_runs.slice(0, 3)) {
        const seen = statuses.get(run.id) ?? new Set<string>();
        seen.add(run.status ?? "");
        statuses.set(run.id, seen);
      }
    }
    const after = await list();
    expect(after.total_count).toBeGreaterThan(before.total_count);
    const newIds = after.workflow_runs
      .filter((r) => !before.workflow_runs.some((b) => b.id === r.id))
      .map((r) => r.id);
    const journeys = newIds.map((id) => [...(statuses.get(id) ?? [])].join(">"));
    expect(journeys).toContain("queued>in_progress>completed");
  });
});

describe("ground truth", () => {
  it("changes with live time: a long-skipped deploy is also stalled, a repeated fast push stops being odd", async () => {
    const { sim } = await simulator("demo");
    const truth = async () => {
      const response = await fetch(`${sim.url}/_sim/truth`, {
        headers: { authorization: "token t" },
      });
      return ((await response.json()) as { flags: { repo: string; kind: string }[] }).flags.map(
        (f) => `${f.repo}:${f.kind}`,
      );
    };
    const advance = (hours: number) =>
      fetch(`${sim.url}/_sim/clock?advance_ms=${hours * 3600_000}`, {
        method: "POST",
        headers: { authorization: "token t" },
      });
    const atStart = await truth();
    expect(atStart).toContain("acme/platform:deploy_skipped");
    expect(atStart).not.toContain("acme/platform:deploy_stalled");
    expect(atStart).toContain("acme/images:deploy_suspicious");
    // A quiet repository does not change as time passes: its ETag holds.
    const repo = async (etag?: string) =>
      fetch(`${sim.url}/repos/acme/legacy-tools`, {
        headers: { authorization: "token t", ...(etag ? { "if-none-match": etag } : {}) },
      });
    const etag = (await repo()).headers.get("etag") ?? "";
    await advance(1);
    expect((await repo(etag)).status).toBe(304);
    await advance(8);
    expect(await truth()).toContain("acme/platform:deploy_stalled");
    // The 2-second pushes become the median of the 30 days before after about 34 hours.
    await advance(16);
    expect(await truth()).toContain("acme/images:deploy_suspicious");
    await advance(15);
    expect(await truth()).not.toContain("acme/images:deploy_suspicious");
    expect((await advance(-1)).status).toBe(422);
    expect((await fetch(`${sim.url}/_sim/clock?advance_ms=1`, { method: "POST" })).status).toBe(
      401,
    );
  });
});

describe("restarting with the same history", () => {
  it("serves the same runs, plus those of the live time since the history ended", async () => {
    const historyEnd = NOW - 6 * 3600_000;
    const first = await simulator("scheduled", { now: historyEnd, historyEnd });
    const later = await simulator("scheduled", { now: NOW, historyEnd });
    const ids = async (octokit: typeof first.octokit) =>
      (
        await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
          owner: "acme",
          repo: "data-pipeline",
          per_page: 100,
        })
      ).map((r) => r.id);
    const before = await ids(first.octokit);
    const after = await ids(later.octokit);
    expect(after.slice(after.length - before.length)).toEqual(before);
    expect(after.length - before.length).toBeGreaterThanOrEqual(11); // every 30 minutes for 6 hours
  });
});
