// GET /api/metrics against a real database: exact sample lines for hand-made pipelines, flags,
// sync states and API usage; the whole body read by a strict grammar; no secrets; any query
// parameter answered 400 naming it; a failing query answered 500 without its details.
import { describe, expect, it, vi } from "vitest";
import { setUpRoute } from "@/lib/api/route-testing";
import type { Db } from "@/lib/db/client";
import { getLogger } from "@/lib/log/log";
import { parseExposition } from "@/lib/metrics/prometheus-testing";
import { at, seedFlag, seedRepo, seedRun, seedWorkflow } from "@/lib/metrics/testing";

const TOKEN = "ghp_TOKENSENTINEL0000000000000000000000";
const WEBHOOK_SECRET = "hook-SENTINEL-secret";
const SYNC_ERROR = "GitHub rejected the token ghp_ERRORSENTINEL (401 Bad credentials)";
const WEIRD = 'Deploy "prod" \\ eu\nnext';

/** Label sets as they must be written: `repo=...,workflow=...,workflow_id=...`. */
const labels = { ci: "", weird: "", idle: "" };
const repos = { a: "", untracked: "", empty: "" };
const expected = { lastSuccess: 0, lastDeploy: 0, syncSuccess: 0, syncAttempt: 0 };
const since = new Date("2026-11-20T08:30:00.500Z");

async function seed(db: Db) {
  const now = Date.now();
  // Runs relative to the real now (the route's 30-day window ends now).
  const minutesAgo = (m: number) => Math.round((now - at(0).getTime()) / 60_000) - m;

  const a = await seedRepo(db);
  const ci = await seedWorkflow(db, a, "CI");
  const weird = await seedWorkflow(db, a, WEIRD, ".github/workflows/deploy.yml");
  const idle = await seedWorkflow(db, a, "Idle", ".github/workflows/idle.yml");
  repos.a = `acme/r${a}`;
  labels.ci = `repo="acme/r${a}",workflow="CI",workflow_id="${ci}"`;
  labels.weird = `repo="acme/r${a}",workflow="Deploy \\"prod\\" \\\\ eu\\nnext",workflow_id="${weird}"`;
  labels.idle = `repo="acme/r${a}",workflow="Idle",workflow_id="${idle}"`;
  const ok = minutesAgo(120);
  await seedRun(db, a, ci, {
    created: ok,
    conclusion: "success",
    minutes: 4,
    jobs: [{ queue: 2, conclusion: "success" }],
  });
  expected.lastSuccess = at(ok + 5).getTime() / 1000;
  await seedRun(db, a, ci, { created: minutesAgo(60), conclusion: "failure", minutes: 2 });
  await seedRun(db, a, ci, { created: minutesAgo(30), conclusion: "cancelled" });
  // Outside the default scope: another branch, and before the 30-day window.
  await seedRun(db, a, ci, { created: minutesAgo(90), conclusion: "failure", branch: "feat/x" });
  await seedRun(db, a, ci, { created: minutesAgo(40 * 1440), conclusion: "failure" });
  const deploy = minutesAgo(200);
  await seedRun(db, a, weird, {
    created: deploy,
    conclusion: "success",
    jobs: [{ queue: 1, conclusion: "success", name: "deploy", done: 10 }],
  });
  expected.lastDeploy = at(deploy + 10).getTime() / 1000;
  await seedFlag(db, a, { kind: "slow", severity: "warning", workflowId: ci, since });
  await seedFlag(db, a, {
    kind: "workflow_disabled",
    severity: "critical",
    workflowId: idle,
    resolvedAt: at(minutesAgo(10)),
  });

  const untracked = await seedRepo(db, { tracked: false });
  repos.untracked = `acme/r${untracked}`;
  await seedRun(db, untracked, await seedWorkflow(db, untracked), {
    created: ok,
    conclusion: "success",
  });
  await seedFlag(db, untracked, { severity: "critical" });

  // A repository without workflows: its stale_data flag must still show.
  const empty = await seedRepo(db);
  repos.empty = `acme/r${empty}`;
  await seedFlag(db, empty, { severity: "critical", since });

  const syncSuccess = new Date(now - 30_000);
  const syncAttempt = new Date(now - 60_000);
  expected.syncSuccess = syncSuccess.getTime() / 1000;
  expected.syncAttempt = syncAttempt.getTime() / 1000;
  await db.syncState.createMany({
    data: [
      {
        repoId: BigInt(a),
        lastAttemptAt: syncAttempt,
        lastSuccessAt: syncSuccess,
        backfillDoneAt: syncSuccess,
        runsExpected: 6,
        runsSynced: 6,
        requestsSpent: 120n,
        rateLimitRemaining: 4_800,
      },
      {
        repoId: BigInt(empty),
        lastAttemptAt: syncAttempt,
        lastSuccessAt: new Date(now - 2 * 86_400_000),
        consecutiveFailures: 3,
        lastError: SYNC_ERROR,
        runsExpected: 400,
        runsSynced: 100,
      },
      { repoId: BigInt(untracked), lastAttemptAt: syncAttempt, consecutiveFailures: 1 },
    ],
  });

  const h1 = new Date("2026-11-26T10:00:00Z");
  const h2 = new Date("2026-11-26T11:00:00Z");
  const runs = "GET /repos/{owner}/{repo}/actions/runs";
  await db.apiUsage.createMany({
    data: [
      { hour: h1, endpoint: runs, status: 200, count: 5, totalDurationMs: 1_000n },
      { hour: h2, endpoint: runs, status: 200, count: 3, totalDurationMs: 500n },
      { hour: h2, endpoint: `${runs}/{id}/jobs`, status: 304, count: 4, totalDurationMs: 200n },
      {
        hour: h2,
        endpoint: "GET /repos/{owner}/{repo}",
        status: 403,
        count: 1,
        totalDurationMs: 100n,
      },
      { hour: h2, endpoint: runs, status: 0, count: 2, totalDurationMs: 60_000n },
      { hour: h2, endpoint: "GET (download)", status: 200, count: 2, totalDurationMs: 300n },
    ],
  });
}

const route = setUpRoute("/api/metrics", () => import("@/app/api/metrics/route"), {
  seed,
  env: {
    GITHUB_TOKEN: TOKEN,
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    PIPEWATCH_POLL_INTERVAL: "60",
  },
});

async function get(query = "") {
  const response = await route.request(query);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Every family, in order (the table in the docs); `_total` ones are counters, others gauges. */
const FAMILIES =
  `pipeline_info pipeline_runs pipeline_successes pipeline_failures pipeline_cancelled
  pipeline_success_ratio pipeline_duration_seconds pipeline_duration_max_seconds
  pipeline_queue_seconds pipeline_cache_restores pipeline_cache_hit_ratio pipeline_flaky_runs
  pipeline_flaky_ratio pipeline_flaky_tests pipeline_last_success_timestamp_seconds
  pipeline_failure_streak pipeline_longest_gap_seconds pipeline_is_deploy
  pipeline_last_deploy_timestamp_seconds flag_open flag_since_timestamp_seconds flags_open
  sync_state sync_last_success_timestamp_seconds sync_last_attempt_timestamp_seconds sync_error
  sync_consecutive_failures sync_backfill_ratio sync_runs_stored sync_github_requests_total
  github_rate_limit_remaining github_requests_total github_request_duration_seconds_total`
    .split(/\s+/)
    .map((name) => `pipewatch_${name}`);

/** The family names of the sample lines whose labels begin with `labels`. */
const familiesWith = (lines: string[], labels: string) =>
  lines.filter((l) => l.includes(`{${labels}`)).map((l) => l.split("{")[0]);

describe("GET /api/metrics", () => {
  it("answers the Prometheus text format 0.0.4, not cached", async () => {
    const { status, headers } = await get();
    expect(status).toBe(200);
    expect(headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(headers.get("cache-control")).toBe("no-store");
  });

  it("gives each pipeline's numbers over 30 days of the default branch, in base units", async () => {
    const lines = (await get()).text.split("\n");
    for (const line of [
      `pipewatch_pipeline_runs{${labels.ci}} 3`,
      `pipewatch_pipeline_successes{${labels.ci}} 1`,
      `pipewatch_pipeline_failures{${labels.ci}} 1`,
      `pipewatch_pipeline_cancelled{${labels.ci}} 1`,
      `pipewatch_pipeline_success_ratio{${labels.ci}} 0.5`,
      `pipewatch_pipeline_duration_seconds{${labels.ci},quantile="0.5"} 240`,
      `pipewatch_pipeline_duration_seconds{${labels.ci},quantile="0.95"} 240`,
      `pipewatch_pipeline_duration_max_seconds{${labels.ci}} 240`,
      `pipewatch_pipeline_queue_seconds{${labels.ci},quantile="0.5"} 120`,
      `pipewatch_pipeline_cache_restores{${labels.ci},outcome="hit"} 0`,
      `pipewatch_pipeline_failure_streak{${labels.ci}} 1`,
      `pipewatch_pipeline_last_success_timestamp_seconds{${labels.ci}} ${expected.lastSuccess}`,
      `pipewatch_pipeline_is_deploy{${labels.ci}} 0`,
      `pipewatch_pipeline_info{${labels.ci},path=".github/workflows/ci.yml",state="active",default_branch="main"} 1`,
      `pipewatch_pipeline_runs{${labels.weird}} 1`,
      `pipewatch_pipeline_is_deploy{${labels.weird}} 1`,
      `pipewatch_pipeline_last_deploy_timestamp_seconds{${labels.weird}} ${expected.lastDeploy}`,
      `pipewatch_pipeline_queue_seconds{${labels.weird},quantile="0.95"} 60`,
      `pipewatch_pipeline_runs{${labels.idle}} 0`,
      `pipewatch_pipeline_failure_streak{${labels.idle}} 0`,
    ])
      expect(lines).toContain(line);
    // Unknown values are left out, not written as NaN.
    const idle = familiesWith(lines, labels.idle);
    for (const name of ["success_ratio", "duration_seconds", "last_success_timestamp_seconds"])
      expect(idle).not.toContain(`pipewatch_pipeline_${name}`);
    const ci = familiesWith(lines, labels.ci);
    expect(ci).not.toContain("pipewatch_pipeline_last_deploy_timestamp_seconds");
    expect(ci).not.toContain("pipewatch_pipeline_cache_hit_ratio");
  });

  it("gives the open flags of tracked repositories, and their totals", async () => {
    const lines = (await get()).text.split("\n");
    const ciFlag = `${labels.ci},kind="slow",severity="warning"`;
    const repoFlag = `repo="${repos.empty}",kind="stale_data",severity="critical"`;
    const flagLines = lines.filter((l) => l.startsWith("pipewatch_flag_open{"));
    expect(flagLines.sort()).toEqual(
      [`pipewatch_flag_open{${ciFlag}} 1`, `pipewatch_flag_open{${repoFlag}} 1`].sort(),
    );
    expect(lines).toContain(`pipewatch_flag_since_timestamp_seconds{${ciFlag}} 1795163400.5`);
    expect(lines).toContain('pipewatch_flags_open{severity="warning"} 1');
    expect(lines).toContain('pipewatch_flags_open{severity="critical"} 1');
  });

  it("gives each tracked repository's sync, and the requests to GitHub summed", async () => {
    const lines = (await get()).text.split("\n");
    const a = `repo="${repos.a}"`;
    const empty = `repo="${repos.empty}"`;
    for (const line of [
      `pipewatch_sync_state{${a},state="ok"} 1`,
      `pipewatch_sync_state{${empty},state="failing"} 1`,
      `pipewatch_sync_state{${empty},state="ok"} 0`,
      `pipewatch_sync_last_success_timestamp_seconds{${a}} ${expected.syncSuccess}`,
      `pipewatch_sync_last_attempt_timestamp_seconds{${a}} ${expected.syncAttempt}`,
      `pipewatch_sync_error{${a}} 0`,
      `pipewatch_sync_error{${empty}} 1`,
      `pipewatch_sync_consecutive_failures{${empty}} 3`,
      `pipewatch_sync_backfill_ratio{${a}} 1`,
      `pipewatch_sync_backfill_ratio{${empty}} 0.25`,
      `pipewatch_sync_runs_stored{${a}} 6`,
      `pipewatch_sync_runs_stored{${empty}} 0`,
      `pipewatch_sync_github_requests_total{${a}} 120`,
      `pipewatch_github_rate_limit_remaining{${a}} 4800`,
      'pipewatch_github_requests_total{kind="api",status_class="2xx"} 8',
      'pipewatch_github_requests_total{kind="api",status_class="304"} 4',
      'pipewatch_github_requests_total{kind="api",status_class="4xx"} 1',
      'pipewatch_github_requests_total{kind="api",status_class="5xx"} 0',
      'pipewatch_github_requests_total{kind="api",status_class="error"} 2',
      'pipewatch_github_requests_total{kind="download",status_class="2xx"} 2',
      'pipewatch_github_request_duration_seconds_total{kind="api",status_class="2xx"} 1.5',
      'pipewatch_github_request_duration_seconds_total{kind="api",status_class="error"} 60',
      'pipewatch_github_request_duration_seconds_total{kind="download",status_class="2xx"} 0.3',
    ])
      expect(lines).toContain(line);
    expect(familiesWith(lines, empty)).not.toContain("pipewatch_github_rate_limit_remaining");
  });

  it("is a body a strict reader accepts: HELP and TYPE first, no series twice, finite values", async () => {
    const { text } = await get();
    const families = parseExposition(text);
    expect(families.map((f) => f.name)).toEqual(FAMILIES);
    for (const family of families) {
      expect(family.type, family.name).toBe(family.name.endsWith("_total") ? "counter" : "gauge");
      expect(family.help.length, family.name).toBeGreaterThan(20);
      for (const sample of family.samples) expect(Number.isFinite(sample.value)).toBe(true);
      if (family.name.startsWith("pipewatch_pipeline_"))
        for (const sample of family.samples)
          expect(Object.keys(sample.labels).slice(0, 3).join()).toBe("repo,workflow,workflow_id");
    }
    const weird = families.find((f) => f.name === "pipewatch_pipeline_runs")?.samples;
    expect(weird?.map((s) => s.labels.workflow)).toContain(WEIRD);
  });

  it("shows neither untracked repositories nor secrets nor error texts", async () => {
    const { text } = await get();
    expect(text).not.toContain(`"${repos.untracked}"`);
    for (const secret of [
      TOKEN,
      WEBHOOK_SECRET,
      route.databaseUrl,
      "ERRORSENTINEL",
      "Bad credentials",
    ])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/postgres(ql)?:\/\//);
  });

  it.each([
    ["?window=7d", "window"],
    ["?format=json", "format"],
    ["?x", "x"],
  ])("answers %s with 400 naming %s", async (query, parameter) => {
    const { status, text, headers } = await get(query);
    expect(status).toBe(400);
    expect(headers.get("content-type")).toMatch(/application\/json/);
    expect(JSON.parse(text)).toMatchObject({ error: { parameter } });
  });

  // Last: it breaks the database for the tests after it.
  it("answers 500 without the details when a query fails", async () => {
    const logged = vi.spyOn(getLogger(), "error").mockImplementation(() => undefined);
    await route.db.$executeRaw`DROP TABLE api_usage`;
    const { status, text } = await get();
    expect(status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { message: "internal error" } });
    expect(JSON.stringify(logged.mock.calls[0])).toMatch(/GET \/api\/metrics/);
    logged.mockRestore();
  });
});
