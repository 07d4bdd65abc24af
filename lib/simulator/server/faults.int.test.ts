// The fault plan really breaks things, the way the ingestion tests need.
import { afterAll, describe, expect, it } from "vitest";
import { parseFaultSpec } from "./faults.ts";
import { type RunningSimulator, startSimulator } from "./index.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const running: RunningSimulator[] = [];
afterAll(async () => {
  await Promise.all(running.map((sim) => sim.close()));
});

async function withFaults(faults: string) {
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
  return (path: string) => fetch(`${sim.url}${path}`, { signal: AbortSignal.timeout(1_000) });
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
});
