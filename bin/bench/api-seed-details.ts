// bench:api's run details, from the temporary seed_attempts table of api-seed.ts: jobs, cache
// events, JUnit test results, deployments and their statuses. `$1`, where used, is the JSON
// list of job names ({kind, idx, name}).
import { Prisma } from "@/lib/db/generated/client";
import { EVERY_RUN_DAY, refreshRunDaysSql } from "@/lib/metrics/run-days";
import { refreshRunSummariesSql } from "@/lib/metrics/run-summaries";
import { refreshShaSharedSql } from "@/lib/metrics/sha-shared";

// Per job of each attempt: its conclusion from the attempt's (a failure fails job `fail_at` and
// skips the later ones; a cancellation cancels from `fail_at` on), then its times.
const JOBS = `
INSERT INTO jobs (id, run_id, workflow_id, run_created_at, run_attempt, name, status, conclusion,
  head_sha, created_at, started_at, completed_at, runner_name, runner_group_name, labels,
  html_url, log_state)
SELECT (a.run_id * 4 + a.attempt) * 10 + t.idx, a.run_id, a.workflow_id, a.run_created_at,
  a.attempt, t.name,
  CASE WHEN a.status = 'completed' THEN 'completed' WHEN t.idx = 1 THEN 'in_progress' ELSE 'queued' END,
  c.conclusion, a.head_sha, c.created,
  CASE WHEN c.conclusion = 'skipped' THEN c.created
       WHEN a.status <> 'completed' AND t.idx > 1 THEN NULL
       ELSE c.created + make_interval(secs => c.queue) END,
  CASE WHEN c.conclusion = 'skipped' THEN c.created WHEN c.conclusion IS NULL THEN NULL
       ELSE c.created + make_interval(secs => c.queue)
         + date_trunc('second', a.duration * 0.3 * (0.6 + 0.4 * c.v)) END,
  CASE WHEN c.conclusion IS NULL OR c.conclusion <> 'skipped' THEN 'GitHub Actions ' || (a.run_id % 1000) END,
  'GitHub Actions',
  CASE WHEN t.name LIKE '%macos%' THEN '{macos-latest}'::text[]
       WHEN t.name LIKE '%windows%' THEN '{windows-latest}'::text[] ELSE '{ubuntu-latest}'::text[] END,
  'https://github.com/bench/repo-' || lpad(a.repo::text, 2, '0') || '/actions/runs/' || a.run_id
    || '/job/' || ((a.run_id * 4 + a.attempt) * 10 + t.idx),
  CASE WHEN a.kind = 1 AND t.idx IN (2, 3) AND a.status = 'completed'
        AND c.conclusion IS DISTINCT FROM 'skipped' THEN 'parsed'::log_state END
FROM seed_attempts a
  JOIN jsonb_to_recordset($1::jsonb) AS t(kind int, idx int, name text) ON t.kind = a.kind
  CROSS JOIN LATERAL (
    SELECT a.started_at
      + date_trunc('second', a.duration * (0.7 * (t.idx - 1) / (ARRAY[7, 2, 4, 3, 4])[a.kind])) AS created,
      round(CASE WHEN t.name LIKE '%macos%' THEN 30 + d.u * 450
           WHEN d.u < 0.85 THEN 1 + d.u / 0.85 * 14
           WHEN d.u < 0.97 THEN 15 + (d.u - 0.85) / 0.12 * 105
           ELSE 120 + (d.u - 0.97) / 0.03 * 480 END) AS queue,
      d.v,
      CASE WHEN a.status <> 'completed' THEN NULL
           WHEN a.conclusion = 'skipped' THEN 'skipped'
           WHEN a.conclusion IN ('success', 'neutral') THEN
             CASE WHEN NOT a.on_default AND t.name IN ('coverage', 'pages') THEN 'skipped' ELSE 'success' END
           WHEN a.conclusion = 'cancelled' THEN
             CASE WHEN t.idx < a.fail_at THEN 'success' ELSE 'cancelled' END
           ELSE CASE WHEN t.idx < a.fail_at THEN 'success' WHEN t.idx = a.fail_at THEN a.conclusion
                     ELSE 'skipped' END
      END AS conclusion
    FROM (SELECT random() + 0 * t.idx AS u, random() + 0 * a.attempt AS v) d
  ) c
WHERE a.conclusion IS DISTINCT FROM 'startup_failure'`;

// A restore in each parsed log and, when it did not hit exactly, a save.
const CACHE_EVENTS = `
INSERT INTO cache_events (job_id, run_id, workflow_id, run_created_at, seq, step_number, kind,
  outcome, source, key, restored_key, size_bytes, occurred_at)
SELECT j.id, j.run_id, j.workflow_id, j.run_created_at, e.seq, e.seq * 3,
  CASE WHEN e.seq = 1 THEN 'restore' ELSE 'save' END::cache_event_kind,
  CASE WHEN e.seq = 2 THEN 'saved' ELSE o.outcome END::cache_outcome,
  CASE WHEN j.name = 'build' THEN 'actions/setup-node' ELSE 'actions/cache' END,
  'node-cache-Linux-' || left(j.head_sha, 12),
  CASE WHEN o.outcome = 'exact' THEN 'node-cache-Linux-' || left(j.head_sha, 12)
       WHEN o.outcome = 'partial' THEN 'node-cache-Linux-' END,
  150000000 + (j.id % 50000000), j.started_at + e.seq * interval '20 seconds'
FROM jobs j
  CROSS JOIN LATERAL (
    SELECT CASE WHEN u < 0.80 THEN 'exact' WHEN u < 0.92 THEN 'partial' ELSE 'miss' END AS outcome
    FROM (SELECT random() + 0 * j.id AS u) d
  ) o
  CROSS JOIN LATERAL generate_series(1, CASE WHEN o.outcome = 'exact' THEN 1 ELSE 2 END) AS e(seq)
WHERE j.log_state = 'parsed'`;

const REPORTED = `a.kind = 1 AND a.repo % 4 = 1 AND a.status = 'completed'
  AND a.conclusion IN ('success', 'failure', 'timed_out', 'neutral')`;

const ARTIFACTS = `
INSERT INTO artifacts (id, repo_id, run_id, name, size_in_bytes, created_at, expires_at, state,
  test_count, processed_at)
SELECT a.run_id * 4 + a.attempt, a.repo, a.run_id, 'junit-results', 20000 + a.run_id % 5000,
  a.started_at + a.duration, a.started_at + a.duration + interval '90 days', 'parsed', 8,
  a.started_at + a.duration + interval '1 minute'
FROM seed_attempts a WHERE ${REPORTED}`;

// Eight of the repository's 200 tests per report; a failed attempt fails one of them.
const TEST_RESULTS = `
INSERT INTO test_results (repo_id, run_id, workflow_id, run_created_at, artifact_id, seq,
  run_attempt, head_sha, suite, name, classname, file, outcome, retries, duration_ms, message)
SELECT a.repo, a.run_id, a.workflow_id, a.run_created_at, a.run_id * 4 + a.attempt, s.seq,
  a.attempt, a.head_sha, 'suite-' || (n.test % 10), 'test_' || lpad(n.test::text, 3, '0'),
  'bench.Suite' || (n.test % 10), 'test/suite-' || (n.test % 10) || '.test.ts', o.outcome::test_outcome,
  CASE WHEN o.outcome = 'flaky' THEN 1 ELSE 0 END, 5 + (a.run_id * s.seq) % 2000,
  CASE WHEN o.outcome = 'failed' THEN 'expected true to be false' END
FROM seed_attempts a
  CROSS JOIN LATERAL generate_series(1, 8) AS s(seq)
  CROSS JOIN LATERAL (SELECT ((a.run_id * 7 + s.seq * 13) % 200)::int AS test) n
  CROSS JOIN LATERAL (
    SELECT CASE WHEN a.conclusion IN ('failure', 'timed_out') AND s.seq = 1 + a.run_id % 8 THEN 'failed'
                WHEN u < 0.005 THEN 'flaky' WHEN u < 0.03 THEN 'skipped' ELSE 'passed' END AS outcome
    FROM (SELECT random() + 0 * s.seq AS u) d
  ) o
WHERE ${REPORTED}`;

// A deployment by each completed default-branch Deploy run (70% linked to the run, the others
// found by SHA), and 5,000 from outside Actions.
const DEPLOYMENTS = `
INSERT INTO deployments (id, repo_id, sha, ref, task, environment, creator_login,
  production_environment, created_at, updated_at, run_id)
SELECT r.id, r.repo_id, r.head_sha, r.head_branch, 'deploy', 'production', 'github-actions[bot]',
  true, r.run_started_at + date_trunc('second', (r.updated_at - r.run_started_at) * 0.7),
  r.updated_at,
  CASE WHEN r.id % 10 < 7 THEN r.id END
FROM workflow_runs r
WHERE r.workflow_id % 1000 = 3 AND r.status = 'completed' AND r.conclusion IN ('success', 'failure')
UNION ALL
SELECT 2000000000 + g, 1 + g % (SELECT count(*) FROM repositories), md5(g::text) || 'abcdefgh',
  'main', 'deploy', 'staging', 'ops-bot', false,
  now() - g * interval '1 hour', now() - g * interval '1 hour' + interval '2 minutes', NULL
FROM generate_series(1, 5000) g`;

const DEPLOYMENT_STATUSES = `
INSERT INTO deployment_statuses (id, deployment_id, state, environment, target_url, log_url,
  creator_login, created_at, updated_at)
SELECT d.id * 2 + s.n, d.id,
  CASE WHEN s.n = 0 THEN 'in_progress' WHEN r.conclusion = 'failure' THEN 'failure' ELSE 'success' END,
  d.environment, CASE WHEN d.run_id IS NOT NULL THEN r.html_url END,
  CASE WHEN d.run_id IS NOT NULL THEN r.html_url END, d.creator_login,
  CASE WHEN s.n = 0 THEN d.created_at ELSE d.updated_at END,
  CASE WHEN s.n = 0 THEN d.created_at ELSE d.updated_at END
FROM deployments d
  LEFT JOIN workflow_runs r ON r.id = d.id
  CROSS JOIN generate_series(0, 1) AS s(n)`;

// What the sync keeps on each deployment as it writes it (lib/sync/deployments.ts): the
// workflow of the run it points at, and its latest success status.
const DEPLOYMENT_LINKS = `
UPDATE deployments d SET workflow_id = r.workflow_id, last_success_at = (
  SELECT max(s.created_at) FROM deployment_statuses s WHERE s.deployment_id = d.id AND s.state = 'success')
FROM deployments x LEFT JOIN workflow_runs r ON r.id = x.run_id
WHERE x.id = d.id`;

// What the sync keeps on each run with its details (lib/metrics/run-summaries.ts).
const RUN_SUMMARIES = refreshRunSummariesSql(
  Prisma.sql`EXISTS (SELECT 1 FROM jobs j WHERE j.run_id = r.id)`,
);

// What saveRuns keeps on each run (lib/metrics/sha-shared.ts), for every run at once.
const SHA_SHARED = refreshShaSharedSql(Prisma.sql`TRUE`);
// And what the sync keeps per pipeline, branch and day (lib/metrics/run-days.ts).
const RUN_DAYS = refreshRunDaysSql(EVERY_RUN_DAY);

/** [table, SQL, its parameters when not the job names] in the order they must run. */
export const SEED_DETAILS: [string, string, unknown[]?][] = [
  ["jobs", JOBS],
  ["cache_events", CACHE_EVENTS],
  ["artifacts", ARTIFACTS],
  ["test_results", TEST_RESULTS],
  ["deployments", DEPLOYMENTS],
  ["deployment_statuses", DEPLOYMENT_STATUSES],
  ["deployments (links)", DEPLOYMENT_LINKS],
  ["workflow_runs (summaries)", RUN_SUMMARIES.text, RUN_SUMMARIES.values],
  ["workflow_runs (SHA groups)", SHA_SHARED.text, SHA_SHARED.values],
  ["run_days", RUN_DAYS.text, RUN_DAYS.values],
];
