// The dispatcher against a real database and local receivers: one message per transition and
// channel whatever the number of dispatchers, nothing from before a channel or from a backfill,
// retries with back-off, giving up, and a failing channel in the status data.
import { afterEach, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { seedRepo, seedWorkflow } from "@/lib/metrics/testing";
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from "@/lib/simulator/testing/webhook-receiver";
import type { AlertChannel } from "./channels.ts";
import { type AlertDispatcher, createAlertDispatcher } from "./dispatcher.ts";
import type { WebhookPayload } from "./formats.ts";
import { verifyAlertSignature } from "./signature.ts";
import { getAlertChannelStatus } from "./status.ts";
import {
  markBackfilled,
  PUBLIC_URL,
  raise,
  SECRET,
  slackChannel,
  webhookChannel,
} from "./testing.ts";

const database = setUpTestDatabase({ max: 4 });
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0)) await done();
});

async function receiver(status?: (index: number) => number) {
  const r = await startWebhookReceiver<Record<string, unknown>>({ status });
  cleanup.push(r.close);
  return r;
}

function dispatcher(channels: AlertChannel[], workerId: string, more = {}): AlertDispatcher {
  const d = createAlertDispatcher({
    db: database.db,
    channels,
    publicUrl: PUBLIC_URL,
    workerId,
    retryBaseMs: 10,
    ...more,
  });
  cleanup.push(d.close);
  return d;
}

/** Rounds of all `dispatchers` at once until a round delivers nothing. */
async function drain(dispatchers: AlertDispatcher[]): Promise<number> {
  let total = 0;
  for (;;) {
    const results = await Promise.all(dispatchers.map((d) => d.runOnce()));
    const delivered = results.reduce((sum, r) => sum + r.delivered, 0);
    if (delivered === 0) return total;
    total += delivered;
  }
}

const transitionsOf = (r: WebhookReceiver<Record<string, unknown>>) =>
  r.deliveries.map((d) => (d.payload as WebhookPayload).transition);

describe("the alert dispatcher", () => {
  it("sends one Slack and one signed webhook message per transition, none twice with two dispatchers or after a restart", async () => {
    const { db } = database;
    const [slack, hook] = [await receiver(), await receiver()];
    const channels = [slackChannel("s1", slack.url), webhookChannel("w1", hook.url)];
    const [a, b] = [dispatcher(channels, "worker-a"), dispatcher(channels, "worker-b")];
    await Promise.all([a.runOnce(), b.runOnce()]);
    const repo = await seedRepo(db);
    const workflow = await seedWorkflow(db, repo);
    await markBackfilled(db, repo);
    await raise(db, repo, [{ workflowId: workflow }]);
    await raise(db, repo, [{ workflowId: workflow, severity: "critical" }]);
    await raise(db, repo, [{ workflowId: workflow, severity: "warning" }]);
    await raise(db, repo, []);

    expect(await drain([a, b])).toBe(6);
    // Improved is recorded, not sent: the flag is still open, and its resolution is.
    expect(transitionsOf(hook)).toEqual(["opened", "worsened", "resolved"]);
    expect(slack.deliveries.map((d) => (d.payload as { text: string }).text)).toEqual([
      expect.stringMatching(/^Opened: slow pipeline \(warning\) — acme\/r\d+ · CI$/),
      expect.stringMatching(/^Worsened: slow pipeline \(critical\)/),
      expect.stringMatching(/^Resolved: slow pipeline \(warning\)/),
    ]);
    for (const d of hook.deliveries) {
      const request = {
        signature: String(d.headers["x-pipewatch-signature"]),
        timestamp: String(d.headers["x-pipewatch-timestamp"]),
        body: d.body,
      };
      expect(verifyAlertSignature(SECRET, request)).toBe(true);
      expect(verifyAlertSignature(SECRET, { ...request, body: `${d.body} ` })).toBe(false);
      expect(verifyAlertSignature("another-secret-0123", request)).toBe(false);
      expect((d.payload as WebhookPayload).url).toBe(`${PUBLIC_URL}/pipelines/${workflow}`);
    }
    // A restart: a new dispatcher finds everything decided and sent.
    expect(await drain([dispatcher(channels, "worker-c")])).toBe(0);
    expect([slack.deliveries.length, hook.deliveries.length]).toEqual([3, 3]);
  });

  it("sends nothing from before the channel was configured, nor what a repository's backfill raised", async () => {
    const { db } = database;
    const hook = await receiver();
    const [old, filling] = [await seedRepo(db), await seedRepo(db)];
    await markBackfilled(db, old);
    await raise(db, old, [{ message: "before the channel" }]);
    const d = dispatcher([webhookChannel("w2", hook.url)], "worker-a");
    await d.runOnce();
    await raise(db, old, []);
    // The backfill raises a flag, which a later sync resolves after the backfill is done.
    await raise(db, filling, [{ message: "found in the history" }]);
    await d.runOnce();
    await markBackfilled(db, filling);
    await raise(db, filling, []);
    expect(await drain([d])).toBe(0);
    const rows = await db.notificationDelivery.findMany({
      where: { channel: "w2" },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => [r.state, r.lastError])).toEqual([
      ["suppressed", "resolved: its opening was not sent to this channel"],
      ["suppressed", "raised while the repository's history was being backfilled"],
      ["suppressed", "resolved: its opening was not sent to this channel"],
    ]);
    // What happens after the backfill is news.
    await raise(db, filling, [{ message: "after the backfill" }]);
    expect(await drain([d])).toBe(1);
    expect(hook.deliveries.map((r) => (r.payload as WebhookPayload).message)).toEqual([
      "after the backfill",
    ]);
  });

  it("retries a failed delivery with back-off, and records the attempts", async () => {
    const { db } = database;
    const hook = await receiver((i) => (i === 0 ? 500 : 200));
    let now = new Date("2026-11-27T12:00:00Z");
    const d = dispatcher([webhookChannel("w3", hook.url)], "worker-a", {
      now: () => now,
      retryBaseMs: 60_000,
    });
    await d.runOnce();
    const repo = await seedRepo(db);
    await markBackfilled(db, repo);
    await raise(db, repo, [{}]);
    expect(await d.runOnce()).toMatchObject({ delivered: 0, failed: 1 });
    const [row] = await db.notificationDelivery.findMany({ where: { channel: "w3" } });
    expect(row).toMatchObject({
      state: "pending",
      attempts: 1,
      lastError: "the webhook answered HTTP 500: receiver says no",
      nextAttemptAt: new Date("2026-11-27T12:01:00Z"),
    });
    now = new Date("2026-11-27T12:00:59Z");
    expect(await d.runOnce()).toMatchObject({ delivered: 0, failed: 0 });
    now = new Date("2026-11-27T12:01:00Z");
    expect(await d.runOnce()).toMatchObject({ delivered: 1, failed: 0 });
    expect(hook.deliveries.map((r) => r.status)).toEqual([500, 200]);
    expect(hook.deliveries[0]?.body).toBe(hook.deliveries[1]?.body);
    const [done] = await db.notificationDelivery.findMany({ where: { channel: "w3" } });
    expect(done).toMatchObject({ state: "delivered", attempts: 2, lastError: null });
    const [status] = await getAlertChannelStatus(db, [webhookChannel("w3", hook.url)]);
    expect(status).toMatchObject({ state: "ok", pending: 0, failed: 0 });
  });

  it("gives up after the last attempt and shows the channel failing, without its URL", async () => {
    const { db } = database;
    const hook = await receiver(() => 500);
    const channel = slackChannel("s4", hook.url);
    const d = dispatcher([channel], "worker-a", { maxAttempts: 3, retryBaseMs: 1 });
    await d.runOnce();
    const repo = await seedRepo(db);
    await markBackfilled(db, repo);
    await raise(db, repo, [{}]);
    for (let i = 0; i < 5; i++) {
      await d.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(hook.deliveries).toHaveLength(3);
    const [row] = await db.notificationDelivery.findMany({ where: { channel: "s4" } });
    expect(row).toMatchObject({ state: "failed", attempts: 3, nextAttemptAt: null });
    await raise(db, repo, [{ workflowId: await seedWorkflow(db, repo) }]);
    await d.runOnce();
    const [status] = await getAlertChannelStatus(db, [channel]);
    expect(status).toMatchObject({
      name: "s4",
      type: "slack",
      state: "failing",
      lastSuccessAt: null,
      lastError: "the Slack webhook answered HTTP 500: receiver says no",
      failed: 1,
    });
    expect(status?.pending).toBeGreaterThan(0);
    expect(JSON.stringify(status)).not.toContain("127.0.0.1");
  });
});
