// Storing a run's details in one transaction: attempts, jobs, steps, cache events, artifacts
// and test results, then the run's `details_attempt`. Every write is an idempotent upsert (or a
// replace of a job's or artifact's parsed rows), so storing the same details twice changes
// nothing.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { DbOrTx } from "@/lib/github/conditional";
import { keepRunDays, runDayOf } from "@/lib/metrics/run-days";
import { lockRun, refreshRunSummaries } from "@/lib/metrics/run-summaries";
import type { SyncRepo } from "./context.ts";
import type { GitHubJob } from "./github-detail-schemas.ts";
import type { GitHubRun } from "./github-schemas.ts";
import type { RunDetails } from "./run-details.ts";

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

async function saveAttempts(tx: DbOrTx, runId: number, attempts: GitHubRun[]) {
  if (attempts.length === 0) return;
  const rows = attempts.map(
    (a) => Prisma.sql`(${BigInt(runId)}, ${a.run_attempt}, ${a.status}, ${a.conclusion},
      ${a.triggering_actor?.login ?? null}, ${new Date(a.created_at)}, ${date(a.run_started_at)},
      ${new Date(a.updated_at)}, now())`,
  );
  await tx.$executeRaw`
    INSERT INTO run_attempts (run_id, attempt, status, conclusion, actor_login, created_at, run_started_at, updated_at, synced_at)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (run_id, attempt) DO UPDATE SET
      status = EXCLUDED.status, conclusion = EXCLUDED.conclusion, actor_login = EXCLUDED.actor_login,
      created_at = EXCLUDED.created_at, run_started_at = EXCLUDED.run_started_at,
      updated_at = EXCLUDED.updated_at, synced_at = now()`;
}

async function saveJobs(tx: DbOrTx, details: RunDetails) {
  const { run, jobs, logs } = details;
  if (jobs.length === 0) return;
  // In batches: a statement holds at most 65,535 parameters (20 a job).
  for (let i = 0; i < jobs.length; i += 1000)
    await upsertJobs(tx, run, jobs.slice(i, i + 1000), logs);
  const steps = jobs.flatMap((j) =>
    (j.steps ?? []).map(
      (s) => Prisma.sql`(${BigInt(j.id)}, ${s.number}, ${s.name}, ${s.status}, ${s.conclusion},
        ${date(s.started_at)}, ${date(s.completed_at)})`,
    ),
  );
  for (let i = 0; i < steps.length; i += 1000) {
    await tx.$executeRaw`
      INSERT INTO steps (job_id, number, name, status, conclusion, started_at, completed_at)
      VALUES ${Prisma.join(steps.slice(i, i + 1000))}
      ON CONFLICT (job_id, number) DO UPDATE SET
        name = EXCLUDED.name, status = EXCLUDED.status, conclusion = EXCLUDED.conclusion,
        started_at = EXCLUDED.started_at, completed_at = EXCLUDED.completed_at`;
  }
}

async function upsertJobs(
  tx: DbOrTx,
  run: RunDetails["run"],
  jobs: GitHubJob[],
  logs: RunDetails["logs"],
) {
  const rows = jobs.map((j) => {
    const log = logs.get(j.id);
    const state = log?.state ?? null;
    const error = log && log.state !== "parsed" ? log.error : null;
    return Prisma.sql`(${BigInt(j.id)}, ${BigInt(run.id)}, ${BigInt(run.workflowId)}, ${run.createdAt},
      ${j.run_attempt}, ${j.name}, ${j.status}, ${j.conclusion}, ${j.head_sha}, ${date(j.created_at)},
      ${date(j.started_at)}, ${date(j.completed_at)}, ${j.runner_name ?? null}, ${j.runner_group_name ?? null},
      ${j.labels}::text[], ${j.html_url ?? null}, ${state}::log_state, ${error},
      ${state ? new Date() : null}, now())`;
  });
  await tx.$executeRaw`
    INSERT INTO jobs (id, run_id, workflow_id, run_created_at, run_attempt, name, status, conclusion, head_sha,
      created_at, started_at, completed_at, runner_name, runner_group_name, labels, html_url, log_state,
      log_error, log_parsed_at, synced_at)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (id) DO UPDATE SET
      run_attempt = EXCLUDED.run_attempt, name = EXCLUDED.name, status = EXCLUDED.status,
      conclusion = EXCLUDED.conclusion, created_at = EXCLUDED.created_at, started_at = EXCLUDED.started_at,
      completed_at = EXCLUDED.completed_at, runner_name = EXCLUDED.runner_name,
      runner_group_name = EXCLUDED.runner_group_name, labels = EXCLUDED.labels, html_url = EXCLUDED.html_url,
      log_state = COALESCE(EXCLUDED.log_state, jobs.log_state),
      log_error = CASE WHEN EXCLUDED.log_state IS NULL THEN jobs.log_error ELSE EXCLUDED.log_error END,
      log_parsed_at = COALESCE(EXCLUDED.log_parsed_at, jobs.log_parsed_at), synced_at = now()`;
}

function stepNumberOf(job: GitHubJob | undefined, name: string | null): number | null {
  if (!job || !name) return null;
  return job.steps?.find((s) => s.name === name)?.number ?? null;
}

async function saveCacheEvents(tx: DbOrTx, details: RunDetails) {
  const { run, jobs, logs } = details;
  const byId = new Map(jobs.map((j) => [j.id, j]));
  for (const [jobId, log] of logs) {
    await tx.$executeRaw`DELETE FROM cache_events WHERE job_id = ${BigInt(jobId)}`;
    if (log.state !== "parsed" || log.events.length === 0) continue;
    const rows = log.events.map(
      (
        e,
      ) => Prisma.sql`(${BigInt(jobId)}, ${BigInt(run.id)}, ${BigInt(run.workflowId)}, ${run.createdAt},
        ${e.seq}, ${stepNumberOf(byId.get(jobId), e.stepName)}, ${e.kind}::cache_event_kind,
        ${e.outcome}::cache_outcome, ${e.source}, ${e.key}, ${e.restoredKey},
        ${e.sizeBytes === null ? null : BigInt(e.sizeBytes)}, ${date(e.at)})`,
    );
    await tx.$executeRaw`
      INSERT INTO cache_events (job_id, run_id, workflow_id, run_created_at, seq, step_number, kind, outcome,
        source, key, restored_key, size_bytes, occurred_at)
      VALUES ${Prisma.join(rows)}`;
  }
}

/** The attempt an artifact belongs to: the last one created before the artifact was. */
async function attemptOf(tx: DbOrTx, runId: number, createdAt: string | null | undefined) {
  const attempts = await tx.runAttempt.findMany({
    where: { runId: BigInt(runId) },
    select: { attempt: true, createdAt: true },
    orderBy: { attempt: "asc" },
  });
  if (attempts.length <= 1) return attempts[0]?.attempt ?? 1;
  const at = createdAt ? Date.parse(createdAt) : Number.POSITIVE_INFINITY;
  return attempts.filter((a) => a.createdAt.getTime() <= at).at(-1)?.attempt ?? null;
}

async function saveArtifacts(tx: DbOrTx, repo: SyncRepo, details: RunDetails) {
  const { run } = details;
  for (const { artifact: a, state, reason, cases } of details.artifacts) {
    await tx.$executeRaw`
      INSERT INTO artifacts (id, repo_id, run_id, name, size_in_bytes, expired, created_at, expires_at, state,
        state_reason, test_count, processed_at)
      VALUES (${BigInt(a.id)}, ${BigInt(repo.id)}, ${BigInt(run.id)}, ${a.name}, ${BigInt(a.size_in_bytes)},
        ${a.expired}, ${date(a.created_at)}, ${date(a.expires_at)}, ${state}::artifact_state, ${reason},
        ${cases.length}, now())
      ON CONFLICT (id) DO UPDATE SET
        name = EXCLUDED.name, size_in_bytes = EXCLUDED.size_in_bytes, expired = EXCLUDED.expired,
        created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at, state = EXCLUDED.state,
        state_reason = EXCLUDED.state_reason, test_count = EXCLUDED.test_count, processed_at = now()`;
    await tx.$executeRaw`DELETE FROM test_results WHERE artifact_id = ${BigInt(a.id)}`;
    const attempt = await attemptOf(tx, run.id, a.created_at);
    for (let i = 0; i < cases.length; i += 1000) {
      const rows = cases.slice(i, i + 1000).map(
        (
          c,
          k,
        ) => Prisma.sql`(${BigInt(repo.id)}, ${BigInt(run.id)}, ${BigInt(run.workflowId)}, ${run.createdAt},
          ${BigInt(a.id)}, ${i + k}, ${attempt}, ${run.headSha}, ${c.suite}, ${c.name}, ${c.classname}, ${c.file},
          ${c.outcome}::test_outcome, ${c.retries}, ${c.durationMs}, ${c.message})`,
      );
      await tx.$executeRaw`
        INSERT INTO test_results (repo_id, run_id, workflow_id, run_created_at, artifact_id, seq, run_attempt,
          head_sha, suite, name, classname, file, outcome, retries, duration_ms, message)
        VALUES ${Prisma.join(rows)}`;
    }
  }
}

/** Stores a run's details and marks them stored up to the attempt they were fetched for. */
export async function saveRunDetails(db: Db, repo: SyncRepo, details: RunDetails): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await lockRun(tx, details.run.id);
      await saveAttempts(tx, details.run.id, details.attempts);
      await saveJobs(tx, details);
      await saveCacheEvents(tx, details);
      await saveArtifacts(tx, repo, details);
      await refreshRunSummaries(tx, [details.run.id]);
      const { workflowId, headBranch, createdAt } = details.run;
      await keepRunDays(tx, runDayOf(workflowId, headBranch, createdAt));
      await tx.$executeRaw`
        UPDATE workflow_runs SET details_attempt = GREATEST(details_attempt, ${details.run.runAttempt}),
          details_failures = 0, details_error = NULL, synced_at = now()
         WHERE id = ${BigInt(details.run.id)}`;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
