// Contract tests: the simulator's answers have the fields, types and header forms of real
// GitHub answers (recorded exchanges and GitHub's OpenAPI examples in ../shared/fixtures).
// They fail when a field is renamed or dropped on our side.
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server/index.ts";
import {
  haveFixtures,
  readExchanges,
  readFixture,
  shapeDifferences,
  shapeOf,
} from "./testing/fixtures.ts";
import { startTestSimulator } from "./testing/start.ts";

let sim: RunningSimulator;
let get: (path: string, headers?: Record<string, string>) => Promise<Response>;

beforeAll(async () => {
  sim = await startTestSimulator("demo");
  get = (path, headers = {}) =>
    fetch(`${sim.url}${path}`, {
      headers: { authorization: "token t", ...headers },
      redirect: "manual",
    });
});
afterAll(async () => {
  await sim?.close();
});

async function json(path: string): Promise<unknown> {
  const response = await get(path);
  expect(response.status, path).toBe(200);
  return response.json();
}

/** A payments run that was re-run (two attempts), as in the recorded run. */
async function rerunRun(): Promise<number> {
  const octokit = new Octokit({
    auth: "t",
    baseUrl: sim.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const runs = await octokit.paginate(octokit.rest.actions.listWorkflowRunsForRepo, {
    owner: "acme",
    repo: "payments",
    per_page: 100,
  });
  const run = runs.find((r) => (r.run_attempt ?? 1) > 1);
  if (!run) throw new Error("no re-run in the scenario");
  return run.id;
}

// Fields GitHub sends that the simulator leaves out on purpose, each with its reason.
const NOT_SIMULATED = [
  /^(repository|head_repository)\.owner\.(user_view_type)$/, // newer optional user field
  /^actor\.user_view_type$|^triggering_actor\.user_view_type$|creator\.user_view_type$/,
  /(^|\.|\[\]\.)payload\./, // a deployment's payload is whatever its creator sent
];

// CI always has ../shared beside the clone: there, missing fixtures are a failure, not a skip.
it.runIf(process.env.CI === "true")(
  "finds the recorded fixtures in ../shared/fixtures/github",
  () => {
    expect(haveFixtures).toBe(true);
  },
);

describe.skipIf(!haveFixtures)("simulator contract", () => {
  it("GET a run and GET its attempt: the fields and types of the recorded re-run", async () => {
    const [run, attempt] = readExchanges("recorded-pygithub/workflow-run-and-attempt2.json");
    const id = await rerunRun();
    const oursRun = await json(`/repos/acme/payments/actions/runs/${id}`);
    const oursAttempt = await json(`/repos/acme/payments/actions/runs/${id}/attempts/2`);
    expect(shapeDifferences(shapeOf(run?.response.body), shapeOf(oursRun), NOT_SIMULATED)).toEqual(
      [],
    );
    expect(
      shapeDifferences(shapeOf(attempt?.response.body), shapeOf(oursAttempt), NOT_SIMULATED),
    ).toEqual([]);
    // The run keeps its first created_at; the attempt shows its own (as recorded).
    const r = oursRun as { created_at: string; run_attempt: number; previous_attempt_url: string };
    const a = oursAttempt as { created_at: string; run_attempt: number };
    expect(r.run_attempt).toBe(2);
    expect(r.previous_attempt_url).toMatch(new RegExp(`/actions/runs/${id}/attempts/1$`));
    expect(Date.parse(a.created_at)).toBeGreaterThan(Date.parse(r.created_at));
  });

  it("jobs of a run and a single job: the recorded fields, step numbering with post steps", async () => {
    const [list] = readExchanges("recorded-pygithub/run-jobs-list.json");
    const [single] = readExchanges("recorded-pygithub/job-single.json");
    const id = await rerunRun();
    const ours = (await json(`/repos/acme/payments/actions/runs/${id}/jobs?filter=all`)) as {
      jobs: { id: number; steps: { number: number; name: string }[] }[];
    };
    expect(shapeDifferences(shapeOf(list?.response.body), shapeOf(ours), NOT_SIMULATED)).toEqual(
      [],
    );
    const job = await json(`/repos/acme/payments/actions/jobs/${ours.jobs[0]?.id}`);
    expect(shapeDifferences(shapeOf(single?.response.body), shapeOf(job), NOT_SIMULATED)).toEqual(
      [],
    );
    const numbers = ours.jobs[0]?.steps.map((s) => s.number) ?? [];
    expect(numbers[0]).toBe(1);
    expect(ours.jobs[0]?.steps.some((s) => s.name.startsWith("Post "))).toBe(true);
    expect(numbers.some((n, i) => i > 0 && n > (numbers[i - 1] ?? 0) + 1)).toBe(true); // a gap before post steps
  });

  it("deployments and their statuses", async () => {
    const [deployments, statuses] = readExchanges(
      "recorded-pygithub/deployments-and-statuses.json",
    );
    const ours = (await json("/repos/acme/api/deployments")) as { id: number }[];
    expect(
      shapeDifferences(shapeOf(deployments?.response.body), shapeOf(ours), NOT_SIMULATED),
    ).toEqual([]);
    const oursStatuses = await json(`/repos/acme/api/deployments/${ours[0]?.id}/statuses`);
    expect(
      shapeDifferences(shapeOf(statuses?.response.body), shapeOf(oursStatuses), NOT_SIMULATED),
    ).toEqual([]);
  });

  it("a workflow, the rate limit, caches, cache usage and artifacts", async () => {
    const [workflow] = readExchanges("recorded-pygithub/workflow-disabled-manually-and-403.json");
    expect(
      shapeDifferences(
        shapeOf(workflow?.response.body),
        shapeOf(await json("/repos/acme/legacy-tools/actions/workflows/nightly-cleanup.yml")),
      ),
    ).toEqual([]);
    const [rate] = readExchanges("recorded-pygithub/rate-limit.json");
    const ignoreRetired = [/^resources\.(code_scanning_upload)/];
    expect(
      shapeDifferences(
        shapeOf(rate?.response.body),
        shapeOf(await json("/rate_limit")),
        ignoreRetired,
      ),
    ).toEqual([]);
    const examples = readFixture<{ examples: Record<string, unknown> }>(
      "openapi-examples.json",
    ).examples;
    const example = (name: string) => shapeOf(examples[name]);
    expect(Object.keys(example("actions-cache-list")).length).toBeGreaterThan(3);
    expect(
      shapeDifferences(
        example("actions-cache-list"),
        shapeOf(await json("/repos/acme/mobile/actions/caches")),
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(
        example("actions-cache-usage"),
        shapeOf(await json("/repos/acme/mobile/actions/cache/usage")),
      ),
    ).toEqual([]);
    expect(
      shapeDifferences(
        example("workflow-paginated"),
        shapeOf(await json("/repos/acme/api/actions/workflows")),
      ),
    ).toEqual([]);
    const id = await rerunRun();
    expect(
      shapeDifferences(
        example("artifact-paginated"),
        shapeOf(await json(`/repos/acme/payments/actions/runs/${id}/artifacts`)),
      ),
    ).toEqual([]);
  });

  it("header forms: weak ETag, rate-limit headers, 304 and the 302 of a log download", async () => {
    const [recordedRun] = readExchanges("recorded-pygithub/workflow-run-and-attempt2.json");
    const realEtag = recordedRun?.response.headers.ETag ?? "";
    expect(realEtag).toMatch(/^W\/"[0-9a-f]+"$/);
    const response = await get("/repos/acme/api/actions/runs?per_page=1");
    const etag = response.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(response.headers.get("cache-control")).toBe(
      recordedRun?.response.headers["Cache-Control"],
    );
    for (const name of [
      "x-ratelimit-limit",
      "x-ratelimit-remaining",
      "x-ratelimit-reset",
      "x-ratelimit-used",
    ]) {
      expect(response.headers.get(name), name).toMatch(/^\d+$/);
    }
    expect(response.headers.get("x-ratelimit-resource")).toBe("core");
    expect(response.headers.get("link")).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/repositories\/\d+\/actions\/runs\?per_page=1&page=2>; rel="next", <[^>]+page=\d+>; rel="last"$/,
    );

    const again = await get("/repos/acme/api/actions/runs?per_page=1", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");

    const [logs] = readExchanges("recorded-pygithub/job-logs-302.json");
    const jobs = (await json("/repos/acme/api/actions/runs?per_page=1")) as {
      workflow_runs: { id: number }[];
    };
    const list = (await json(`/repos/acme/api/actions/runs/${jobs.workflow_runs[0]?.id}/jobs`)) as {
      jobs: { id: number }[];
    };
    const redirect = await get(`/repos/acme/api/actions/jobs/${list.jobs[0]?.id}/logs`);
    expect(redirect.status).toBe(logs?.response.status);
    expect(redirect.headers.get("location")).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/_sim\/blobs\/logs\/\d+\?se=\d+&sig=[0-9a-f]+$/,
    );
    expect(redirect.headers.get("content-length")).toBe("0");
    const bytes = Buffer.from(
      await (await fetch(redirect.headers.get("location") ?? "")).arrayBuffer(),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, as GitHub's logs start
    const logText = bytes.subarray(3).toString("utf8");
    expect(logText).toContain("acme/api");
    expect(bytes.subarray(3).toString("utf8").split("\n")[0]).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z /,
    );
  });

  it("errors look like GitHub's: 404 and 401 bodies", async () => {
    const missing = await get("/repos/acme/nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      message: "Not Found",
      documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\//),
      status: "404",
    });
    const bad = await fetch(`${sim.url}/repos/acme/api`, {
      headers: { authorization: "token wrong" },
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: "Bad credentials", status: "401" });
  });
});
