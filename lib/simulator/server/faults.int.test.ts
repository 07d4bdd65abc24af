// The fault plan really breaks things, the way the ingestion tests need.
import { afterAll, describe, expect, it } from "vitest";
import { JUnitLimitError, parseJUnit } from "@/lib/parse/junit";
import { UnzipLimitError, unzipFiles } from "@/lib/parse/unzip";
import { parseFaultSpec } from "./faults.ts";
import { type RunningSimulator, startSimulator } from "./index.ts";
import { HUGE_LOG_BYTES } from "./malformed.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const running: RunningSimulator[] = [];
/** Downloads of megabytes, on a busy machine. */
const SLOW = 30_000;
afterAll(async () => {
  await Promise.all(running.map((sim) => sim.close()));
});

/** A simulator with `faults`, and a GET on it that gives up after `timeoutMs`. */
async function withFaults(faults: string, timeoutMs = 1_000) {
  const sim = await startSimulator({
    scenario: "healthy",
    seed: 1,
    days: 3,
    now: NOW,
    speed: 0,
    host: "127.0.0.1",
    port: 0,
    budget: 100_000,
    budgetWindowMs: 3600_000,
    faults,
  });
  running.push(sim);
  return (path: string) => fetch(`${sim.url}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
}

describe("fault injection", () => {
  it("answers a share of requests with 500, 502 or 503", async () => {
    const get = await withFaults("*:5xx=0.3");
    const statuses = [];
    for (let i = 0; i < 60; i++)
      statuses.push((await get("/repos/acme/api/actions/runs?per_page=1")).status);
    const failed = statuses.filter((s) => s >= 500).length;
    expect(failed).toBeGreaterThan(8);
    expect(failed).toBeLessThan(35);
    expect(new Set(statuses.filter((s) => s >= 500))).toEqual(new Set([500, 502, 503]));
  });

  it("hangs, spoils JSON and truncates only the endpoints named", async () => {
    const get = await withFaults("jobs:hang=1,runs:badjson=1,workflows:truncate=1");
    await expect(get("/repos/acme/api/actions/runs/1/jobs")).rejects.toThrow(/aborted|timeout/i);
    await expect((await get("/repos/acme/api/actions/runs")).json()).rejects.toThrow();
    const truncated = await get("/repos/acme/api/actions/workflows");
    expect(truncated.status).toBe(200);
    await expect(truncated.json()).rejects.toThrow();
    expect((await get("/repos/acme/api")).status).toBe(200);
  });

  it("sends secondary rate limits with retry-after, and can exhaust the budget at once", async () => {
    const get = await withFaults("runs:secondary=1,retry-after=2,exhaust-after=3");
    const limited = await get("/repos/acme/api/actions/runs");
    expect([403, 429]).toContain(limited.status);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(((await limited.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    await get("/repos/acme/api");
    const exhausted = await get("/repos/acme/api");
    expect(exhausted.status).toBe(403);
    expect(exhausted.headers.get("x-ratelimit-remaining")).toBe("0");
  });

  it("refuses a malformed plan, naming the entry", () => {
    expect(() => parseFaultSpec("runs:explode=0.1")).toThrow(/bad fault "runs:explode=0.1"/);
    expect(() => parseFaultSpec("runs:5xx=2")).toThrow(/bad fault/);
    expect(parseFaultSpec("*:5xx=0.1, exhaust-after=10").exhaustAfter).toBe(10);
  });

  it("spoils one object of a JSON answer as a malformed plan says, the rest as it was", async () => {
    const clean = await withFaults("");
    const runs = async (get: typeof clean, path = "/repos/acme/api/actions/runs?per_page=5") =>
      (await (await get(path)).json()) as {
        total_count: number;
        workflow_runs: Record<string, unknown>[];
      };
    const want = await runs(clean);
    const nulls = await runs(await withFaults("runs:nulls=1"));
    expect(nulls.total_count).toBe(want.total_count);
    expect(Object.values(nulls.workflow_runs[0] ?? {}).every((v) => v === null)).toBe(true);
    // The other runs are as they were (their URLs aside: each simulator has its own port).
    const facts = (list: Record<string, unknown>[]) =>
      list.map((r) => [r.id, r.head_sha, r.status, r.conclusion, r.created_at]);
    expect(facts(nulls.workflow_runs.slice(1))).toEqual(facts(want.workflow_runs.slice(1)));
    const wrong = await runs(await withFaults("runs:wrongtypes=1"));
    expect(wrong.workflow_runs[0]?.id).toBe(String(want.workflow_runs[0]?.id));
    expect(wrong.workflow_runs[0]?.head_sha).toBe(40);
    const missing = await runs(await withFaults("runs:missing=1"));
    expect(missing.workflow_runs[0]).not.toHaveProperty("id");
    expect(missing.workflow_runs[0]).not.toHaveProperty("created_at");
    expect(missing.workflow_runs[0]?.head_sha).toBe(want.workflow_runs[0]?.head_sha);
  });

  it("stretches and spoils job logs, and serves zip bombs and nested reports for artifacts", async () => {
    const clean = await withFaults("", SLOW);
    const runsOf = async (get: typeof clean, n: number) =>
      (await (await get(`/repos/acme/api/actions/runs?status=completed&per_page=${n}`)).json()) as {
        workflow_runs: { id: number }[];
      };
    const runId = (await runsOf(clean, 1)).workflow_runs[0]?.id;
    const jobs = (await (await clean(`/repos/acme/api/actions/runs/${runId}/jobs`)).json()) as {
      jobs: { id: number }[];
    };
    const log = `/repos/acme/api/actions/jobs/${jobs.jobs[0]?.id}/logs`;
    const bytes = async (get: typeof clean, path: string) =>
      Buffer.from(await (await get(path)).arrayBuffer());
    const text = await bytes(clean, log);
    const bad = await bytes(await withFaults("logs:badutf8=1", SLOW), log);
    expect(bad.subarray(bad.length - text.length)).toEqual(text);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bad)).toThrow();
    const huge = await bytes(await withFaults("logs:hugelog=1", SLOW), log);
    expect(huge.length).toBeGreaterThan(HUGE_LOG_BYTES);
    expect(huge.subarray(huge.length - text.length)).toEqual(text);

    // A run with a test report (not every run uploads one).
    let artifactId: number | undefined;
    for (const id of (await runsOf(clean, 50)).workflow_runs.map((r) => r.id)) {
      const path = `/repos/acme/api/actions/runs/${id}/artifacts`;
      const list = (await (await clean(path)).json()) as { artifacts: { id: number }[] };
      artifactId ??= list.artifacts[0]?.id;
    }
    expect(artifactId).toBeDefined();
    const zip = `/repos/acme/api/actions/artifacts/${artifactId}/zip`;
    const xml = (name: string) => /\.xml$/.test(name);
    const bomb = await bytes(await withFaults("artifacts:zipbomb=1", SLOW), zip);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(() => unzipFiles(bomb, xml, { maxTotalBytes: 16 * 1024 * 1024 })).toThrow(
      UnzipLimitError,
    );
    const deep = await bytes(await withFaults("artifacts:deepxml=1", SLOW), zip);
    const [report] = unzipFiles(deep, xml, { maxTotalBytes: 16 * 1024 * 1024 });
    expect(() => parseJUnit(new TextDecoder().decode(report?.bytes))).toThrow(JUnitLimitError);
  });
});
