// GitHub's workflow_run and workflow_job webhooks: they make the dashboard fast, while polling
// stays the source of truth. A delivery stores what its payload holds at once and queues the
// repository, so that the poller fetches the details (jobs, logs, artifacts) soon.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { saveRuns } from "./runs.ts";
import {
  type HandledEvent,
  isHandledEvent,
  parseWebhookPayload,
  type WebhookPayload,
} from "./webhook-payloads.ts";
import {
  markDeliveryProcessed,
  queueRepository,
  recordDelivery,
  upsertJobUnlessFurther,
} from "./webhook-writes.ts";

export { WebhookPayloadError } from "./webhook-payloads.ts";

const PREFIX = "sha256=";
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/**
 * Whether `header` (X-Hub-Signature-256) is `sha256=` and the HMAC-SHA256 of the raw body with
 * the webhook secret, compared in constant time. A missing, malformed or wrong header is false.
 */
export function verifySignature(
  secret: string,
  rawBody: string | Buffer,
  header: string | null,
): boolean {
  if (!header?.startsWith(PREFIX)) return false;
  const given = header.slice(PREFIX.length);
  // timingSafeEqual throws on buffers of different lengths; the check leaks only the length.
  if (!HEX_DIGEST.test(given)) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(given, "hex"), expected);
}

export type WebhookDelivery = {
  /** X-GitHub-Delivery: the same for a redelivery of the same event. */
  deliveryId: string;
  /** X-GitHub-Event. */
  event: string;
  /** The raw body, whose signature has been verified. */
  body: string | Buffer;
  contentType?: string | null;
};

export type WebhookResult =
  | { outcome: "processed"; event: HandledEvent; repoId: number; runId: number; jobId?: number }
  | { outcome: "duplicate" }
  | { outcome: "ignored"; ignored: string; reason?: string };

type Applied = { outcome: "processed"; repoId: number } | { outcome: "ignored"; reason: string };

// A delivery must be answered within GitHub's 10 s; past these the transaction gives up, the
// answer is an error and the poller catches up on its own.
const TRANSACTION = { maxWait: 3_000, timeout: 5_000 };

/**
 * Whether an incoming run is behind the stored one: an earlier attempt, an older `updated_at`,
 * or, at the same second (GitHub's timestamps are whole seconds, and a run whose jobs are all
 * skipped is requested and completed within one), a status before the stored `completed`.
 */
export function isBehindStoredRun(
  incoming: { run_attempt: number; updated_at: string; status: string | null },
  stored: { runAttempt: number; updatedAt: Date; status: string | null },
): boolean {
  if (incoming.run_attempt !== stored.runAttempt) return incoming.run_attempt < stored.runAttempt;
  const incomingAt = Date.parse(incoming.updated_at);
  const storedAt = stored.updatedAt.getTime();
  if (incomingAt !== storedAt) return incomingAt < storedAt;
  return stored.status === "completed" && incoming.status !== "completed";
}

async function applyRun(
  tx: Prisma.TransactionClient,
  payload: Extract<WebhookPayload, { event: "workflow_run" }>["payload"],
): Promise<Applied> {
  const repoId = payload.repository.id;
  const repo = await tx.repository.findUnique({
    where: { id: BigInt(repoId) },
    select: { tracked: true },
  });
  if (!repo?.tracked) return { outcome: "ignored", reason: "repository not tracked" };
  const run = payload.workflow_run;
  const stored = await tx.workflowRun.findUnique({
    where: { id: BigInt(run.id) },
    select: { runAttempt: true, updatedAt: true, status: true },
  });
  // saveRuns keeps newer rows too; deciding here first also tells the sender, and leaves the
  // repository's schedule alone.
  if (stored && isBehindStoredRun(run, stored))
    return { outcome: "ignored", reason: "stored run is newer" };
  const saved = await saveRuns(tx, repoId, [run]);
  // GitHub's generated workflows are not stored, and a new workflow file is stored by the poller.
  if (saved.stored.length === 0) return { outcome: "ignored", reason: "workflow not stored" };
  return { outcome: "processed", repoId };
}

async function applyJob(
  tx: Prisma.TransactionClient,
  payload: Extract<WebhookPayload, { event: "workflow_job" }>["payload"],
): Promise<Applied> {
  const repoId = payload.repository.id;
  const job = payload.workflow_job;
  // The job's workflow and time scope come from its run, which the run's own webhook or the
  // poller stores first; without it the poller will store the job with the run's details.
  const run = await tx.workflowRun.findFirst({
    where: { id: BigInt(job.run_id), repoId: BigInt(repoId), repo: { tracked: true } },
    select: { workflowId: true, createdAt: true, headBranch: true },
  });
  if (!run) return { outcome: "ignored", reason: "run not stored" };
  if (!(await upsertJobUnlessFurther(tx, run, job)))
    return { outcome: "ignored", reason: "stored job is further along" };
  return { outcome: "processed", repoId };
}

/**
 * Handles a delivery whose signature has been verified, in one transaction: records it
 * (a delivery id seen before is a duplicate and changes nothing), stores the run or job it
 * carries and queues its repository. Events other than workflow_run and workflow_job are
 * ignored without a write; so is a run of an untracked repository or an unknown workflow, a
 * job whose run is not stored, or data older than what is stored (those deliveries are
 * recorded, with processed_at left null). Throws WebhookPayloadError for an unexpected payload.
 */
export async function handleWebhookDelivery(
  db: Db,
  delivery: WebhookDelivery,
): Promise<WebhookResult> {
  const { deliveryId, event } = delivery;
  if (!isHandledEvent(event)) return { outcome: "ignored", ignored: event };
  const parsed = parseWebhookPayload(event, delivery.body, delivery.contentType);
  const runId =
    parsed.event === "workflow_run"
      ? parsed.payload.workflow_run.id
      : parsed.payload.workflow_job.run_id;
  const jobId = parsed.event === "workflow_job" ? parsed.payload.workflow_job.id : undefined;
  return db.$transaction(async (tx): Promise<WebhookResult> => {
    const fresh = await recordDelivery(tx, {
      deliveryId,
      event,
      action: parsed.payload.action,
      repoId: parsed.payload.repository.id,
      runId,
    });
    if (!fresh) return { outcome: "duplicate" };
    const applied =
      parsed.event === "workflow_run"
        ? await applyRun(tx, parsed.payload)
        : await applyJob(tx, parsed.payload);
    if (applied.outcome === "ignored")
      return { outcome: "ignored", ignored: event, reason: applied.reason };
    // Only a completed run has details to fetch; the job events in between only update rows.
    if (parsed.event === "workflow_run" && parsed.payload.action === "completed")
      await queueRepository(tx, applied.repoId);
    await markDeliveryProcessed(tx, deliveryId);
    const processed = { outcome: "processed", event, repoId: applied.repoId, runId } as const;
    return jobId === undefined ? processed : { ...processed, jobId };
  }, TRANSACTION);
}
