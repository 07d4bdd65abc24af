// Live mode's webhooks: as simulated time passes, POST the workflow_run and workflow_job
// events GitHub would send, signed with X-Hub-Signature-256, each with its own delivery id.
import { createHmac, randomUUID } from "node:crypto";
import { renderWorkflow } from "./github/objects.ts";
import { renderFullRepository, renderUser } from "./github/repository.ts";
import { renderJob, renderRun } from "./github/runs.ts";
import type { RepoSpec, SimRun } from "./model.ts";
import type { Sim } from "./server/sim.ts";

const DAY = 24 * 3600 * 1000;

type Event = {
  at: number;
  name: "workflow_run" | "workflow_job";
  build: () => Record<string, unknown>;
};

export type WebhookSender = {
  /** Sends the events that happened since the last tick; resolves with how many were sent. */
  tick: () => Promise<number>;
  stop: () => void;
  stats: () => { sent: number; failed: number };
};

/** The HMAC signature GitHub puts in X-Hub-Signature-256. */
export function signPayload(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

function eventsOf(sim: Sim, repo: RepoSpec, run: SimRun, from: number, to: number): Event[] {
  const found = sim.world.workflow(run.workflowId);
  if (!found) return [];
  const { workflow } = found;
  const out: Event[] = [];
  const within = (t: number) => t > from && t <= to;
  for (const plan of run.attempts) {
    const attempt = sim.world.attempt(run, plan.number);
    const ctxAt = (now: number) => ({ urls: sim.urls, now, world: sim.world });
    const firstStart = Math.min(...attempt.jobs.map((j) => j.startedAt), attempt.completedAt);
    const runEvent = (action: string, at: number) => {
      if (!within(at)) return;
      out.push({
        at,
        name: "workflow_run",
        build: () => ({
          action,
          workflow_run: renderRun(ctxAt(at), run),
          workflow: renderWorkflow(sim.urls, repo, workflow),
          repository: renderFullRepository(sim.urls, repo, sim.world.lastPushAt(repo, at)),
          sender: renderUser(sim.urls, run.event.actor),
        }),
      });
    };
    runEvent("requested", plan.createdAt);
    runEvent("in_progress", Math.max(attempt.startedAt, firstStart));
    runEvent("completed", attempt.completedAt);
    for (const job of attempt.jobs) {
      const jobEvent = (action: string, at: number) => {
        if (!within(at)) return;
        out.push({
          at,
          name: "workflow_job",
          build: () => ({
            action,
            workflow_job: renderJob(ctxAt(at), repo, workflow, run, job),
            repository: renderFullRepository(sim.urls, repo, sim.world.lastPushAt(repo, at)),
            sender: renderUser(sim.urls, run.event.actor),
          }),
        });
      };
      jobEvent("queued", job.createdAt);
      if (job.runnerName !== null) jobEvent("in_progress", job.startedAt);
      jobEvent("completed", job.completedAt);
    }
  }
  return out;
}

/** Starts sending webhooks for what happens after the current simulated time. */
export function startWebhookSender(
  sim: Sim,
  target: { url: string; secret: string; intervalMs?: number },
): WebhookSender {
  let last = sim.clock.now();
  let sent = 0;
  let failed = 0;
  let busy: Promise<number> | null = null;

  async function deliver(event: Event): Promise<void> {
    const body = JSON.stringify(event.build());
    try {
      const response = await fetch(target.url, {
        method: "POST",
        body,
        signal: AbortSignal.timeout(10_000),
        headers: {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/pipewatch-sim",
          "x-github-event": event.name,
          "x-github-delivery": randomUUID(),
          "x-github-hook-id": "1",
          "x-github-hook-installation-target-type": "repository",
          "x-hub-signature-256": signPayload(target.secret, body),
        },
      });
      if (response.ok) sent++;
      else failed++;
    } catch {
      failed++; // GitHub does not redeliver on its own either
    }
  }

  async function run(): Promise<number> {
    const now = sim.clock.now();
    const events: Event[] = [];
    for (const repo of sim.world.repos) {
      const runs = sim.world.runs(repo.id, now);
      for (let i = runs.length - 1; i >= 0; i--) {
        const candidate = runs[i];
        if (!candidate || candidate.createdAt < last - DAY) break;
        events.push(...eventsOf(sim, repo, candidate, last, now));
      }
    }
    last = now;
    events.sort((a, b) => a.at - b.at);
    for (const event of events) await deliver(event);
    return events.length;
  }

  const tick = () => {
    busy ??= run().finally(() => {
      busy = null;
    });
    return busy;
  };
  const timer = setInterval(() => void tick(), target.intervalMs ?? 1_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer), stats: () => ({ sent, failed }) };
}
