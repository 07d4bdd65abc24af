// The data of bench:api, written straight into PostgreSQL with set-based SQL (one statement per
// table, no per-row round trips). Random but reproducible: setseed() before every statement.
// Repositories 1..R (a few busy, many quiet), each with the same five workflows; runs spread
// over `days` up to now, ids increasing with creation time as GitHub's do.
import type pg from "pg";
import { SEED_DETAILS } from "./api-seed-details.ts";

export type SeedShape = { repos: number; runs: number; days: number };

/** The five workflows of every repository: kind, name, file, share of the runs, job names. */
export const WORKFLOW_KINDS = [
  {
    kind: 1,
    name: "CI",
    file: "ci.yml",
    share: 0.42,
    jobs: ["lint", "build", "test (ubuntu)", "test (windows)", "test (macos)", "e2e", "coverage"],
  },
  { kind: 2, name: "Lint", file: "lint.yml", share: 0.23, jobs: ["eslint", "typecheck"] },
  {
    kind: 3,
    name: "Deploy",
    file: "deploy.yml",
    share: 0.15,
    jobs: ["build", "test", "deploy-staging", "deploy-production"],
  },
  {
    kind: 4,
    name: "Docs",
    file: "docs.yml",
    share: 0.1,
    jobs: ["build-docs", "link-check", "pages"],
  },
  {
    kind: 5,
    name: "Release",
    file: "release.yml",
    share: 0.1,
    jobs: ["build", "package", "sign", "upload-assets"],
  },
] as const;

/** Human-readable description of the seeded shape, printed by the bench. */
export function describeShape(shape: SeedShape): string[] {
  const kinds = WORKFLOW_KINDS.map(
    (k) => `${k.name} ${Math.round(k.share * 100)}% of runs, ${k.jobs.length} jobs/attempt`,
  );
  return [
    `${shape.repos} repositories x ${WORKFLOW_KINDS.length} workflows = ${shape.repos * WORKFLOW_KINDS.length} pipelines; runs skewed towards a few busy repositories (the busiest ~11%, the quietest ~1.5%)`,
    `workflows: ${kinds.join("; ")}`,
    `${shape.runs.toLocaleString("en")} runs uniformly over ${shape.days} days up to now, times in whole seconds as GitHub's API gives them; CI, Lint and Docs 32% on pull-request branches (feature/*), Deploy and Release on the default branch (main; master in every 8th repository); runs of one repository within 5 minutes on one branch share a head SHA`,
    "conclusions on the default branch: 86% success, 7% failure, 4% cancelled, 1% skipped, 0.5% timed_out, 0.3% startup_failure (no jobs), 0.2% neutral; on PR branches: 72% success, 16% failure, 10% cancelled, 1% timed_out; runs created in the last 15 minutes in progress or queued",
    "every run has run_attempts rows; 5% of completed runs were re-run (3.5% 2 attempts, 1.5% 3), the earlier attempts failed (80%) or were cancelled",
    "jobs per attempt by workflow (above): a failure fails one job and skips the later ones; coverage and pages skipped on PR branches; queue 1-15 s (85%), 15-120 s (12%), 2-10 min (3%), macOS jobs 30 s-8 min",
    "cache_events: a restore (80% exact, 12% partial, 8% miss) and, unless exact, a save in CI's build and test (ubuntu) jobs",
    "test_results: JUnit reports of CI in every 4th repository, 8 test cases per attempt out of 200 per repository; the failing attempts fail one test, 0.5% of cases pass on retry (flaky)",
    "deployments: one per completed default-branch Deploy run (success or failure status after in_progress), 30% without run_id (matched by SHA), plus 5,000 deployments from outside Actions",
  ];
}

const SETUP = [
  "SET synchronous_commit = off",
  // Reproducible random(): each statement below starts with setseed().
  "SET max_parallel_workers_per_gather = 0",
];

const REPOSITORIES = `
INSERT INTO repositories (id, owner, name, full_name, default_branch, html_url)
SELECT r, 'bench', 'repo-' || lpad(r::text, 2, '0'), 'bench/repo-' || lpad(r::text, 2, '0'),
  CASE WHEN r % 8 = 0 THEN 'master' ELSE 'main' END,
  'https://github.com/bench/repo-' || lpad(r::text, 2, '0')
FROM generate_series(1, $1::int) r`;

const WORKFLOWS = `
INSERT INTO workflows (id, repo_id, name, path, state, html_url, created_at, updated_at)
SELECT r * 1000 + k.kind, r, k.name, '.github/workflows/' || k.file,
  CASE WHEN r = 7 AND k.kind = 4 THEN 'disabled_manually' ELSE 'active' END,
  'https://github.com/bench/repo-' || lpad(r::text, 2, '0') || '/actions/workflows/' || k.file,
  now() - interval '500 days', now() - interval '500 days'
FROM generate_series(1, $1::int) r CROSS JOIN jsonb_to_recordset($2::jsonb) AS k(kind int, name text, file text)`;

// One row per run with every random draw it needs, ordered (and numbered) by creation time.
const SEED_RUNS = `
CREATE TEMP TABLE seed_runs AS
WITH draws AS (
  SELECT g, 1 + floor($2::int * power(random(), 1.7))::int AS repo, random() AS uk, random() AS ub,
    random() AS uc, random() AS ua, random() AS ud, random() AS ug, random() AS uq,
    date_trunc('second', now() - random() * make_interval(days => $3::int)) AS created_at
  FROM generate_series(1, $1::int) g OFFSET 0
), kinds AS (
  SELECT *, CASE WHEN uk < 0.42 THEN 1 WHEN uk < 0.65 THEN 2 WHEN uk < 0.80 THEN 3
                 WHEN uk < 0.90 THEN 4 ELSE 5 END AS kind
  FROM draws
), branches AS (
  SELECT *, (kind IN (3, 5) OR ub < 0.68) AS on_default,
    created_at > now() - interval '15 minutes' AND ua < 0.7 AS running
  FROM kinds
), outcomes AS (
  SELECT *,
    CASE WHEN running THEN NULL
         WHEN on_default THEN CASE WHEN uc < 0.86 THEN 'success' WHEN uc < 0.93 THEN 'failure'
           WHEN uc < 0.97 THEN 'cancelled' WHEN uc < 0.98 THEN 'skipped' WHEN uc < 0.985 THEN 'timed_out'
           WHEN uc < 0.988 THEN 'startup_failure' WHEN uc < 0.99 THEN 'neutral' ELSE 'success' END
         ELSE CASE WHEN uc < 0.72 THEN 'success' WHEN uc < 0.88 THEN 'failure'
           WHEN uc < 0.98 THEN 'cancelled' WHEN uc < 0.99 THEN 'timed_out' ELSE 'success' END
    END AS conclusion
  FROM branches
)
SELECT row_number() OVER (ORDER BY created_at, g)::bigint AS id, repo, kind,
  repo * 1000 + kind AS workflow_id, created_at, on_default,
  CASE WHEN on_default THEN CASE WHEN repo % 8 = 0 THEN 'master' ELSE 'main' END
       ELSE 'feature/' || (floor(ub * 100000)::int % 300) END AS branch,
  CASE WHEN running THEN CASE WHEN ua < 0.35 THEN 'queued' ELSE 'in_progress' END ELSE 'completed' END AS status,
  conclusion,
  CASE WHEN conclusion IS NULL OR conclusion IN ('startup_failure', 'skipped') OR ua >= 0.05 THEN 1
       WHEN ua < 0.035 THEN 2 ELSE 3 END AS attempts,
  ud < 0.8 AS earlier_failed,
  make_interval(secs => round(600 + ug * 6 * 3600)) AS rerun_gap,
  make_interval(secs => round((ARRAY[420, 90, 300, 150, 600])[kind]
    * (0.5 + uq + CASE WHEN uq > 0.97 THEN 2 ELSE 0 END))) AS duration,
  make_interval(secs => round(2 + ud * 20)) AS startup, NULL::text AS head_sha
FROM outcomes`;

const SHAS = `
UPDATE seed_runs SET head_sha = left(encode(sha256(convert_to(repo || ':' || branch || ':'
  || floor(extract(epoch FROM created_at) / 300), 'UTF8')), 'hex'), 40)`;

const RUNS = `
INSERT INTO workflow_runs (id, repo_id, workflow_id, run_number, run_attempt, name, display_title,
  event, status, conclusion, head_sha, head_branch, actor_login, triggering_actor,
  head_commit_message, pull_request_numbers, html_url, created_at, run_started_at, updated_at,
  details_attempt)
SELECT r.id, r.repo, r.workflow_id,
  row_number() OVER (PARTITION BY r.workflow_id ORDER BY r.id)::int, r.attempts,
  w.name, 'Commit ' || r.id, CASE WHEN r.on_default THEN 'push' ELSE 'pull_request' END,
  r.status, r.conclusion,
  r.head_sha, r.branch, 'dev' || (r.id % 50), 'dev' || (r.id % 50), 'Change number ' || r.id,
  CASE WHEN r.on_default THEN '{}'::int[] ELSE ARRAY[1000 + floor(random() * 5000)::int] END,
  'https://github.com/bench/repo-' || lpad(r.repo::text, 2, '0') || '/actions/runs/' || r.id,
  r.created_at, r.created_at + (r.attempts - 1) * r.rerun_gap + r.startup,
  r.created_at + (r.attempts - 1) * r.rerun_gap + r.startup
    + CASE WHEN r.status = 'completed' THEN r.duration ELSE interval '0' END,
  CASE WHEN r.status = 'completed' THEN r.attempts ELSE 0 END
FROM seed_runs r JOIN workflows w ON w.id = r.workflow_id
ORDER BY r.id`;

// One row per attempt: the earlier ones failed or were cancelled, the latest is the run's.
const SEED_ATTEMPTS = `
CREATE TEMP TABLE seed_attempts AS
SELECT r.id AS run_id, r.repo, r.kind, r.workflow_id, r.created_at AS run_created_at, r.on_default,
  r.head_sha,
  a.attempt, r.created_at + (a.attempt - 1) * r.rerun_gap AS created_at,
  r.created_at + (a.attempt - 1) * r.rerun_gap + r.startup AS started_at,
  CASE WHEN a.attempt < r.attempts THEN 'completed' ELSE r.status END AS status,
  CASE WHEN a.attempt = r.attempts THEN r.conclusion WHEN r.earlier_failed THEN 'failure'
       ELSE 'cancelled' END AS conclusion,
  date_trunc('second', r.duration * CASE WHEN a.attempt < r.attempts THEN 0.6 ELSE 1 END) AS duration,
  1 + floor(random() * ($1::jsonb ->> (r.kind - 1))::int)::int AS fail_at
FROM seed_runs r CROSS JOIN LATERAL generate_series(1, r.attempts) AS a(attempt)
ORDER BY r.id, a.attempt`;

const ATTEMPTS = `
INSERT INTO run_attempts (run_id, attempt, status, conclusion, actor_login, created_at,
  run_started_at, updated_at)
SELECT run_id, attempt, status, conclusion, 'dev' || (run_id % 50), created_at, started_at,
  started_at + CASE WHEN status = 'completed' THEN duration ELSE interval '0' END
FROM seed_attempts ORDER BY run_id, attempt`;

/** Creates and fills every table of the bench, then VACUUM ANALYZE; `log` reports progress. */
export async function seed(
  client: pg.Client,
  shape: SeedShape,
  log: (line: string) => void,
): Promise<void> {
  const kinds = JSON.stringify(WORKFLOW_KINDS);
  const jobCounts = JSON.stringify(WORKFLOW_KINDS.map((k) => k.jobs.length));
  const jobNames = JSON.stringify(
    WORKFLOW_KINDS.flatMap((k) => k.jobs.map((name, i) => ({ kind: k.kind, idx: i + 1, name }))),
  );
  for (const sql of SETUP) await client.query(sql);
  const steps: [string, string, unknown[]][] = [
    ["repositories", REPOSITORIES, [shape.repos]],
    ["workflows", WORKFLOWS, [shape.repos, kinds]],
    ["(draws)", SEED_RUNS, [shape.runs, shape.repos, shape.days]],
    ["(head SHAs)", SHAS, []],
    ["workflow_runs", RUNS, []],
    ["(attempts)", SEED_ATTEMPTS, [jobCounts]],
    ["run_attempts", ATTEMPTS, []],
    ...SEED_DETAILS.map(([table, sql, params]): [string, string, unknown[]] => [
      table,
      sql,
      params ?? (sql.includes("$1") ? [jobNames] : []),
    ]),
  ];
  for (const [table, sql, params] of steps) {
    const started = performance.now();
    await client.query("SELECT setseed(0.42)");
    const result = await client.query(sql, params);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(`  ${table.padEnd(20)} ${String(result.rowCount ?? "").padStart(10)} rows  ${seconds} s`);
  }
  const started = performance.now();
  await client.query("VACUUM ANALYZE");
  log(`  VACUUM ANALYZE ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
