// POST /api/webhooks/github against a real database, fed the simulator's signed deliveries:
// runs and jobs stored at once, redeliveries and forged or stale deliveries changing nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator } from "@/lib/simulator/testing/start";
import {
  type ReceivedDelivery,
  startWebhookReceiver,
  type WebhookReceiver,
} from "@/lib/simulator/testing/webhook-receiver";
import { signPayload } from "@/lib/simulator/webhooks";
import { repositorySchema, workflowSchema } from "./github-schemas.ts";
import { saveRepositories } from "./repositories.ts";
import { derivedColumns } from "./testing.ts";
import {
  loadWebhookRoute,
  unloadWebhookRoute,
  type WebhookRoute,
} from "./webhook-route-testing.ts";
import { saveWorkflows } from "./workflows.ts";

const SECRET = "webhook-test-secret";
type Payload = Record<string, unknown> & {
  action: string;
  workflow_run?: { id: number; status: string; conclusion: string | null; updated_at: string };
  workflow_job?: { id: number; run_id: number; status: string; steps: unknown[] };
};
type Delivery = ReceivedDelivery<Payload>;

let receiver: WebhookReceiver<Payload> | undefined;
let deliveries: Delivery[] = [];
let database: TestDatabase, db: Db;
let sim: RunningSimulator;
let POST: WebhookRoute | undefined;
let repoId: number;
let counter = 0;

/** Posts `payload` to the route as GitHub would, signed with `secret`. */
async function deliver(
  event: string,
  payload: unknown,
  options: { id?: string; secret?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = JSON.stringify(payload);
  const request = new Request("http://localhost/api/webhooks/github", {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": options.id ?? `test-${++counter}`,
      "x-hub-signature-256": signPayload(options.secret ?? SECRET, body),
    },
  });
  if (!POST) throw new Error("the route is not loaded");
  const response = await POST(request);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Everything a delivery could change, to show that one changed nothing. */
async function snapshot() {
  const [runs, attempts, jobs, steps, states, recorded] = await Promise.all([
    db.workflowRun.findMany({ orderBy: { id: "asc" } }),
    db.runAttempt.findMany({ orderBy: [{ runId: "asc" }, { attempt: "asc" }] }),
    db.job.findMany({ orderBy: { id: "asc" } }),
    db.step.findMany({ orderBy: [{ jobId: "asc" }, { number: "asc" }] }),
    db.syncState.findMany(),
    db.webhookDelivery.findMany({ orderBy: { deliveryId: "asc" } }),
  ]);
  return { runs, attempts, jobs, steps, states, recorded };
}

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(`${sim.url}${path}`, { headers: { authorization: "token t" } });
  return response.json();
}

beforeAll(async () => {
  receiver = await startWebhookReceiver<Payload>();
  deliveries = receiver.deliveries;
  [database, sim] = await Promise.all([
    createTestDatabase(),
    startTestSimulator("healthy", {
      days: 3,
      webhook: { url: receiver.url, secret: SECRET },
    }),
  ]);
  db = createDb(database.url, { max: 2 });
  const repo = repositorySchema.parse(await getJson("/repos/acme/api"));
  repoId = repo.id;
  await saveRepositories(db, [repo]);
  const list = (await getJson("/repos/acme/api/actions/workflows")) as { workflows: unknown[] };
  const workflows = list.workflows.map((w) => workflowSchema.parse(w));
  await saveWorkflows(db, repo.id, workflows);
  POST = await loadWebhookRoute(database.url, SECRET);
});

afterAll(async () => {
  await unloadWebhookRoute(POST !== undefined);
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close()]);
  await receiver?.close();
});

/** Lets simulated time pass until one run has been requested, run and completed. */
async function oneRunsDeliveries(): Promise<{ run: Delivery[]; jobs: Delivery[] }> {
  for (let step = 0; step < 24 * 60; step++) {
    sim.sim.clock.advance(60_000);
    await sim.webhooks?.tick();
    const requested = deliveries.find(
      (d) => d.event === "workflow_run" && d.payload.action === "requested",
    );
    const runId = requested?.payload.workflow_run?.id;
    const ofRun = deliveries.filter(
      (d) => d.payload.workflow_run?.id === runId || d.payload.workflow_job?.run_id === runId,
    );
    if (ofRun.some((d) => d.event === "workflow_run" && d.payload.action === "completed"))
      return {
        run: ofRun.filter((d) => d.event === "workflow_run"),
        jobs: ofRun.filter((d) => d.event === "workflow_job"),
      };
  }
  throw new Error("no run completed in a simulated day");
}

describe("POST /api/webhooks/github", () => {
  let run: Delivery[] = [];
  let jobs: Delivery[] = [];
  const byAction = (list: Delivery[], action: string) => {
    const found = list.find((d) => d.payload.action === action);
    if (!found) throw new Error(`no ${action} delivery`);
    return found;
  };

  it("collects a run's signed deliveries from the simulator", async () => {
    ({ run, jobs } = await oneRunsDeliveries());
    expect(run.map((d) => d.payload.action)).toEqual(["requested", "in_progress", "completed"]);
    expect(jobs.length).toBeGreaterThanOrEqual(2);
  });

  it("stores a workflow_run at once and records the delivery; only a completed run queues a sync", async () => {
    const requested = byAction(run, "requested");
    const runId = requested.payload.workflow_run?.id ?? 0;
    await db.syncState.create({
      // planned for later; a requested run has no details to fetch
      data: { repoId: BigInt(repoId), nextSyncAt: new Date(Date.now() + 3600_000) },
    });
    const before = Date.now();
    const answer = await deliver("workflow_run", requested.payload, { id: requested.id });
    expect(answer).toEqual({
      status: 202,
      body: { ok: true, outcome: "processed", event: "workflow_run", repoId, runId },
    });
    const stored = await db.workflowRun.findUnique({ where: { id: BigInt(runId) } });
    expect(stored?.status).toBe(requested.payload.workflow_run?.status);
    expect(await db.runAttempt.count({ where: { runId: BigInt(runId) } })).toBe(1);
    const state = await db.syncState.findUnique({ where: { repoId: BigInt(repoId) } });
    expect(state?.nextSyncAt?.getTime()).toBeGreaterThan(before + 3000_000);
    const record = await db.webhookDelivery.findUnique({ where: { deliveryId: requested.id } });
    expect(record).toMatchObject({
      event: "workflow_run",
      action: "requested",
      repoId: BigInt(repoId),
      runId: BigInt(runId),
    });
    expect(record?.processedAt).toBeInstanceOf(Date);
  });

  it("answers a redelivery (same X-GitHub-Delivery) as a duplicate that changes nothing", async () => {
    const requested = byAction(run, "requested");
    const before = await snapshot();
    const answer = await deliver("workflow_run", requested.payload, { id: requested.id });
    expect(answer).toEqual({ status: 200, body: { ok: true, outcome: "duplicate" } });
    expect(await snapshot()).toEqual(before);
  });

  it("answers 401 to a wrong signature and changes nothing", async () => {
    const completed = byAction(run, "completed");
    const before = await snapshot();
    const answer = await deliver("workflow_run", completed.payload, { secret: "not-the-secret" });
    expect(answer).toEqual({ status: 401, body: { error: "invalid signature" } });
    expect(await snapshot()).toEqual(before);
  });

  it("lets a newer workflow_run overwrite the run, and never an older one", async () => {
    const runId = BigInt(byAction(run, "requested").payload.workflow_run?.id ?? 0);
    const completed = byAction(run, "completed");
    const before0 = Date.now(); // completed: details due, the planned sync brought forward
    expect((await deliver("workflow_run", completed.payload)).status).toBe(202);
    const state = await db.syncState.findUnique({ where: { repoId: BigInt(repoId) } });
    expect(state?.nextSyncAt?.getTime()).toBeLessThanOrEqual(Date.now());
    expect(state?.nextSyncAt?.getTime()).toBeGreaterThanOrEqual(before0 - 1000);
    const done = await db.workflowRun.findUnique({ where: { id: runId } });
    expect(done?.status).toBe("completed");
    expect(done?.conclusion).toBe(completed.payload.workflow_run?.conclusion);
    // in_progress arrives late, with a new delivery id (not a redelivery).
    const before = await snapshot();
    const late = await deliver("workflow_run", byAction(run, "in_progress").payload);
    expect(late).toMatchObject({
      status: 200,
      body: {
        ok: true,
        outcome: "ignored",
        ignored: "workflow_run",
        reason: "stored run is newer",
      },
    });
    const after = await snapshot();
    expect(after.runs).toEqual(before.runs);
    expect(after.attempts).toEqual(before.attempts);
    expect(after.states).toEqual(before.states);
    expect(after.recorded).toHaveLength(before.recorded.length + 1);
  });

  it("stores a workflow_job with its steps, copying the run's workflow and time scope", async () => {
    const runId = BigInt(byAction(run, "requested").payload.workflow_run?.id ?? 0);
    const storedRun = await db.workflowRun.findUnique({ where: { id: runId } });
    const jobId = jobs[0]?.payload.workflow_job?.id;
    const ofJob = jobs.filter((d) => d.payload.workflow_job?.id === jobId);
    for (const delivery of ofJob) {
      const answer = await deliver("workflow_job", delivery.payload, { id: delivery.id });
      expect(answer.status).toBe(202);
      expect(answer.body).toMatchObject({ outcome: "processed", runId: Number(runId), jobId });
    }
    const last = ofJob.at(-1)?.payload.workflow_job;
    const job = await db.job.findUnique({ where: { id: BigInt(jobId ?? 0) } });
    expect(job).toMatchObject({
      runId,
      workflowId: storedRun?.workflowId,
      runCreatedAt: storedRun?.createdAt,
      status: last?.status,
      logState: null,
    });
    expect(job?.runnerName).not.toBeNull();
    expect(await derivedColumns(db)).toMatchObject({
      staleRunSummaries: 0,
      staleShaShared: 0,
      staleRunDays: 0,
      runQueues: 1,
      queueDays: 1,
    });
    expect(await db.step.count({ where: { jobId: BigInt(jobId ?? 0) } })).toBe(last?.steps.length);
    expect(last?.steps.length).toBeGreaterThan(0);
    // A late queued event (new delivery id) does not send the job back.
    const before = await snapshot();
    const queued = ofJob.find((d) => d.payload.action === "queued");
    const answer = await deliver("workflow_job", queued?.payload);
    expect(answer.body).toMatchObject({
      outcome: "ignored",
      reason: "stored job is further along",
    });
    expect((await snapshot()).jobs).toEqual(before.jobs);
  });

  it("records but ignores a job whose run is not stored, a run of an unknown workflow or of an untracked repository", async () => {
    const job = jobs[0]?.payload;
    const orphan = { ...job, workflow_job: { ...job?.workflow_job, run_id: 999_999_999 } };
    expect((await deliver("workflow_job", orphan)).body).toMatchObject({
      outcome: "ignored",
      reason: "run not stored",
    });
    const completed = byAction(run, "completed").payload;
    const generated = {
      ...completed,
      workflow_run: { ...completed.workflow_run, id: 999_999_998, workflow_id: 999_999_997 },
    };
    expect((await deliver("workflow_run", generated)).body).toMatchObject({
      outcome: "ignored",
      reason: "workflow not stored",
    });
    expect(await db.workflowRun.count({ where: { id: 999_999_998n } })).toBe(0);
    const elsewhere = { ...completed, repository: { ...(completed.repository as object), id: 42 } };
    const before = await snapshot();
    expect((await deliver("workflow_run", elsewhere, { id: "elsewhere" })).body).toMatchObject({
      outcome: "ignored",
      reason: "repository not tracked",
    });
    const after = await snapshot();
    expect(after.runs).toEqual(before.runs);
    expect(after.states).toEqual(before.states);
    const record = await db.webhookDelivery.findUnique({ where: { deliveryId: "elsewhere" } });
    expect(record).toMatchObject({ repoId: 42n, processedAt: null });
  });

  it("acknowledges other events (ping) and refuses a malformed payload, writing nothing", async () => {
    const before = await snapshot();
    expect(await deliver("ping", { zen: "Design for failure.", hook_id: 1 })).toEqual({
      status: 200,
      body: { ok: true, outcome: "ignored", ignored: "ping" },
    });
    const malformed = await deliver("workflow_run", { action: "completed", workflow_run: {} });
    expect(malformed.status).toBe(400);
    expect(String(malformed.body.error)).toMatch(/unexpected workflow_run payload/);
    expect(await snapshot()).toEqual(before);
  });
});
