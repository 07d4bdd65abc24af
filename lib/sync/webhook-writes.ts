// The writes of one webhook delivery, each run inside the delivery's transaction: its record
// (which de-duplicates redeliveries), the job it carries (runs go through saveRuns) and the
// repository queued for the poller. Webhooks can arrive late and out of order, and the poller
// may already have stored something newer, so the job upsert keeps a job that is further along.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { keepRunDays, runDayOf } from "@/lib/metrics/run-days";
import { lockRun, refreshRunSummaries } from "@/lib/metrics/run-summaries";
import type { GitHubJob } from "./github-detail-schemas.ts";

type Tx = Prisma.TransactionClient;

const date = (value: string | null | undefined) => (value ? new Date(value) : null);

/** Records a delivery; false when its id was recorded before (a redelivery). */
export async function recordDelivery(
  tx: Tx,
  delivery: {
    deliveryId: string;
    event: string;
    action: string;
    repoId: number;
    runId: number;
  },
): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO webhook_deliveries (delivery_id, event, action, repo_id, run_id, received_at)
    VALUES (${delivery.deliveryId}, ${delivery.event}, ${delivery.action}, ${BigInt(delivery.repoId)},
      ${BigInt(delivery.runId)}, now())
    ON CONFLICT (delivery_id) DO NOTHING`;
  return inserted === 1;
}

/** Marks a delivery whose data was stored (an ignored one keeps processed_at null). */
export async function markDeliveryProcessed(tx: Tx, deliveryId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE webhook_deliveries SET processed_at = now() WHERE delivery_id = ${deliveryId}`;
}

/** The least time between two syncs of a repository that webhooks bring forward. */
const MIN_GAP = "10 seconds";

/**
 * Asks the poller to sync the repository soon (for the run's jobs, logs and artifacts): now, or
 * 10 s after the last attempt when that is later, and never earlier than it was already due.
 * A repository whose syncs are failing keeps its back-off: webhooks do not hurry its retries.
 */
export async function queueRepository(tx: Tx, repoId: number): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO sync_states (repo_id, next_sync_at, updated_at)
    VALUES (${BigInt(repoId)}, now(), now())
    ON CONFLICT (repo_id) DO UPDATE SET
      next_sync_at = CASE WHEN sync_states.consecutive_failures > 0 THEN sync_states.next_sync_at
        ELSE LEAST(sync_states.next_sync_at,
                   GREATEST(now(), sync_states.last_attempt_at + ${MIN_GAP}::interval)) END,
      updated_at = now()`;
}

/** How far along a job status is; jobs carry no updated_at to compare. */
const jobProgress = (column: Prisma.Sql) =>
  Prisma.sql`(CASE ${column} WHEN 'completed' THEN 2 WHEN 'in_progress' THEN 1 ELSE 0 END)`;

/**
 * Upserts a job and its steps, with the run's workflow and creation time copied from the stored
 * run, unless the stored job is further along (completed before in_progress before queued).
 * The log columns are the poller's and left alone. Returns whether anything was written.
 */
export async function upsertJobUnlessFurther(
  tx: Tx,
  run: { workflowId: bigint; createdAt: Date; headBranch: string | null },
  j: GitHubJob,
): Promise<boolean> {
  await lockRun(tx, j.run_id);
  const jobs = await tx.$executeRaw`
    INSERT INTO jobs (id, run_id, workflow_id, run_created_at, run_attempt, name, status, conclusion, head_sha,
      created_at, started_at, completed_at, runner_name, runner_group_name, labels, html_url, synced_at)
    VALUES (${BigInt(j.id)}, ${BigInt(j.run_id)}, ${run.workflowId}, ${run.createdAt}, ${j.run_attempt}, ${j.name},
      ${j.status}, ${j.conclusion}, ${j.head_sha}, ${date(j.created_at)}, ${date(j.started_at)},
      ${date(j.completed_at)}, ${j.runner_name ?? null}, ${j.runner_group_name ?? null}, ${j.labels}::text[],
      ${j.html_url ?? null}, now())
    ON CONFLICT (id) DO UPDATE SET
      run_attempt = EXCLUDED.run_attempt, name = EXCLUDED.name, status = EXCLUDED.status,
      conclusion = EXCLUDED.conclusion, head_sha = EXCLUDED.head_sha, created_at = EXCLUDED.created_at,
      started_at = EXCLUDED.started_at, completed_at = EXCLUDED.completed_at,
      runner_name = EXCLUDED.runner_name, runner_group_name = EXCLUDED.runner_group_name,
      labels = EXCLUDED.labels, html_url = EXCLUDED.html_url, synced_at = now()
    WHERE ${jobProgress(Prisma.sql`EXCLUDED.status`)} >= ${jobProgress(Prisma.sql`jobs.status`)}`;
  if (jobs === 0) return false;
  await refreshRunSummaries(tx, [j.run_id]);
  await keepRunDays(tx, runDayOf(run.workflowId, run.headBranch, run.createdAt));
  const steps = (j.steps ?? []).map(
    (s) => Prisma.sql`(${BigInt(j.id)}, ${s.number}, ${s.name}, ${s.status}, ${s.conclusion},
      ${date(s.started_at)}, ${date(s.completed_at)})`,
  );
  if (steps.length > 0)
    await tx.$executeRaw`
      INSERT INTO steps (job_id, number, name, status, conclusion, started_at, completed_at)
      VALUES ${Prisma.join(steps)}
      ON CONFLICT (job_id, number) DO UPDATE SET
        name = EXCLUDED.name, status = EXCLUDED.status, conclusion = EXCLUDED.conclusion,
        started_at = EXCLUDED.started_at, completed_at = EXCLUDED.completed_at`;
  return true;
}
