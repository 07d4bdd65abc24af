// Live mode posts the webhooks GitHub would: in order, signed, each delivery id once.
import { afterAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./server/index.ts";
import { haveFixtures, readFixture, shapeDifferences, shapeOf } from "./testing/fixtures.ts";
import {
  type ReceivedDelivery,
  startWebhookReceiver,
  type WebhookReceiver,
} from "./testing/webhook-receiver.ts";
import { signPayload } from "./webhooks.ts";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
type Payload = {
  action: string;
  workflow_run?: { id: number };
  workflow_job?: { run_id: number };
};

let receiver: WebhookReceiver<Payload> | undefined;
let deliveries: ReceivedDelivery<Payload>[] = [];
let sim: RunningSimulator | undefined;

afterAll(async () => {
  await sim?.close();
  await receiver?.close();
});

describe("webhooks", () => {
  it("signs like GitHub (its documented test vector)", () => {
    expect(signPayload("It's a Secret to Everybody", "Hello, World!")).toBe(
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    );
  });

  it("sends requested, in_progress and completed for new runs and their jobs, in order", async () => {
    receiver = await startWebhookReceiver<Payload>();
    deliveries = receiver.deliveries;
    sim = await startSimulator({
      scenario: "scheduled",
      seed: 42,
      days: 2,
      now: NOW,
      speed: 0,
      host: "127.0.0.1",
      port: 0,
      budget: 1000,
      budgetWindowMs: 3600_000,
      webhook: { url: receiver.url, secret: "s3cret" },
    });
    for (let step = 0; step < 60; step++) {
      sim.sim.clock.advance(60_000);
      await sim.webhooks?.tick();
    }
    expect(sim.webhooks?.stats().failed).toBe(0);
    expect(deliveries.length).toBeGreaterThan(6);
    for (const delivery of deliveries)
      expect(delivery.signature).toBe(signPayload("s3cret", delivery.body));
    expect(new Set(deliveries.map((d) => d.id)).size).toBe(deliveries.length);
    const runEvents = deliveries.filter((d) => d.event === "workflow_run");
    const firstRun = runEvents[0]?.payload.workflow_run?.id;
    const journey = runEvents
      .filter((d) => d.payload.workflow_run?.id === firstRun)
      .map((d) => d.payload.action);
    expect(journey).toEqual(["requested", "in_progress", "completed"]);
    const jobs = deliveries
      .filter((d) => d.event === "workflow_job" && d.payload.workflow_job?.run_id === firstRun)
      .map((d) => d.payload.action);
    expect(jobs).toEqual(["queued", "in_progress", "completed"]);
  });

  it.skipIf(!haveFixtures)("has the fields of a recorded workflow_run webhook", () => {
    const recorded = readFixture<Record<string, unknown>>(
      "webhooks/workflow_run_completed.payload.json",
    );
    const ours = deliveries.find(
      (d) => d.event === "workflow_run" && d.payload.action === "completed",
    );
    const optional = [
      /^(enterprise|installation|organization)(\.|$)/,
      /\.user_view_type$/,
      /^workflow_run\.(head_repository|repository)\./,
    ];
    expect(shapeDifferences(shapeOf(recorded), shapeOf(ours?.payload), optional)).toEqual([]);
  });
});
