// The client against the simulator's faults: every exchange counted, 5xx and garbled bodies
// retried, hung connections timed out, rate limits waited out, bad tokens not retried.
import { afterAll, describe, expect, it } from "vitest";
import type { RunningSimulator, SimulatorOptions } from "@/lib/simulator/server/index";
import { startTestSimulator } from "@/lib/simulator/testing/start";
import { createGitHubClient, type Exchange, endpointOf, isNotModified } from "./client.ts";

const running: RunningSimulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((sim) => sim.close()));
});

async function setup(
  overrides: Partial<SimulatorOptions>,
  client: { timeoutMs?: number; token?: string; retries?: number; signal?: AbortSignal } = {},
) {
  const sim = await startTestSimulator("healthy", { days: 5, ...overrides });
  running.push(sim);
  const exchanges: Exchange[] = [];
  const octokit = createGitHubClient({
    baseUrl: sim.url,
    auth: { token: client.token ?? "t" },
    timeoutMs: client.timeoutMs ?? 2_000,
    retryBaseMs: 10,
    retries: client.retries ?? 3,
    maxRateLimitWaitMs: 5_000,
    onExchange: (exchange) => exchanges.push(exchange),
    signal: client.signal,
  });
  return { sim, octokit, exchanges };
}

describe("endpointOf", () => {
  it("names endpoints by template", () => {
    expect(
      endpointOf("GET", "https://api.github.com/repos/acme/api/actions/runs/123/jobs?filter=all"),
    ).toBe("GET /repos/{owner}/{repo}/actions/runs/{id}/jobs");
    expect(
      endpointOf("GET", "https://ghe.acme.dev/api/v3/repositories/9/actions/runs?page=2"),
    ).toBe("GET /repos/{owner}/{repo}/actions/runs");
    expect(endpointOf("GET", "https://api.github.com/orgs/acme/repos")).toBe(
      "GET /orgs/{owner}/repos",
    );
    expect(
      endpointOf(
        "GET",
        "https://productionresultssa1.blob.core.windows.net/actions-results/x/logs",
      ),
    ).toBe("GET (download)");
  });
});

describe("createGitHubClient", () => {
  it("counts every exchange with its status and rate-limit budget", async () => {
    const { octokit, exchanges } = await setup({});
    await octokit.rest.actions.listWorkflowRunsForRepo({ owner: "acme", repo: "api", per_page: 5 });
    expect(exchanges).toEqual([
      expect.objectContaining({
        endpoint: "GET /repos/{owner}/{repo}/actions/runs",
        status: 200,
        rateLimitRemaining: 99_999,
      }),
    ]);
  });

  it("retries 5xx answers and garbled JSON until they succeed", async () => {
    const { octokit, exchanges } = await setup(
      { faults: "runs:5xx=0.4,repos:badjson=0.4", seed: 3 },
      { retries: 8 },
    );
    for (let i = 0; i < 10; i++) {
      const runs = await octokit.rest.actions.listWorkflowRunsForRepo({
        owner: "acme",
        repo: "api",
        per_page: 1,
      });
      expect(runs.data.workflow_runs).toHaveLength(1);
      const repo = await octokit.rest.repos.get({ owner: "acme", repo: "api" });
      expect(repo.data.full_name).toBe("acme/api");
    }
    expect(exchanges.length).toBeGreaterThan(20);
    expect(exchanges.some((e) => e.status >= 500)).toBe(true);
  });

  it("times out hung connections and retries them", async () => {
    const { octokit, exchanges } = await setup(
      { faults: "repos:hang=0.5", seed: 5 },
      { timeoutMs: 300 },
    );
    for (let i = 0; i < 6; i++) {
      const repo = await octokit.rest.repos.get({ owner: "acme", repo: "api" });
      expect(repo.data.name).toBe("api");
    }
    expect(exchanges.some((e) => e.status === 0)).toBe(true);
  });

  it("fails with a clear error when GitHub never answers", async () => {
    const { octokit } = await setup({ faults: "repos:hang=1" }, { timeoutMs: 200 });
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "api" })).rejects.toThrow(
      /no answer within 200 ms/,
    );
  });

  it("ends a request in flight at once, without retrying it, when its signal aborts", async () => {
    const stop = new AbortController();
    const { octokit, exchanges } = await setup(
      { faults: "repos:hang=1" },
      { timeoutMs: 10_000, signal: stop.signal },
    );
    setTimeout(() => stop.abort(), 200);
    const started = Date.now();
    await expect(octokit.rest.repos.get({ owner: "acme", repo: "api" })).rejects.toThrow(
      /Pipewatch is stopping/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(exchanges).toHaveLength(1);
  });

  it("waits out a secondary rate limit (retry-after) and does not retry a bad token", async () => {
    const { octokit } = await setup({ faults: "runs:secondary=0.5,retry-after=1", seed: 9 });
    const runs = await octokit.rest.actions.listWorkflowRunsForRepo({
      owner: "acme",
      repo: "api",
      per_page: 1,
    });
    expect(runs.status).toBe(200);
    const { octokit: stranger, exchanges } = await setup({}, { token: "wrong" });
    await expect(stranger.rest.repos.get({ owner: "acme", repo: "api" })).rejects.toMatchObject({
      status: 401,
    });
    expect(exchanges).toHaveLength(1);
  });

  it("pages with octokit.paginate, on one page and on many", async () => {
    const { octokit } = await setup({});
    const workflows = await octokit.paginate(octokit.rest.actions.listRepoWorkflows, {
      owner: "acme",
      repo: "api",
      per_page: 100,
    });
    expect(workflows.map((w) => w.name)).toEqual(["CI", "Deploy"]);
    const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
      owner: "acme",
      repo: "api",
      per_page: 7,
    });
    const first = await octokit.rest.actions.listWorkflowRunsForRepo({
      owner: "acme",
      repo: "api",
      per_page: 1,
    });
    expect(runs).toHaveLength(first.data.total_count);
    expect(runs.length).toBeGreaterThan(14);
  });

  it("reports an unchanged resource as 304", async () => {
    const { octokit } = await setup({});
    const first = await octokit.rest.repos.get({ owner: "acme", repo: "api" });
    const error = await octokit.rest.repos
      .get({ owner: "acme", repo: "api", headers: { "if-none-match": first.headers.etag } })
      .catch((e: unknown) => e);
    expect(isNotModified(error)).toBe(true);
  });
});
