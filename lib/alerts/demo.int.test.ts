// The demo organisation synced from the simulator with a Slack and a webhook channel configured
// beforehand: the first sync (a backfill of 30 days) sends nothing; the flags that change in
// live time afterwards (a deploy stalls) reach each receiver exactly once, signed, even with two
// dispatchers racing, and a restarted dispatcher sends nothing again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from "@/lib/simulator/testing/webhook-receiver";
import { syncSelected } from "@/lib/sync/sync";
import { testSyncEnvironment } from "@/lib/sync/testing";
import { createAlertDispatcher } from "./dispatcher.ts";
import type { WebhookPayload } from "./formats.ts";
import { verifyAlertSignature } from "./signature.ts";
import { PUBLIC_URL, SECRET, slackChannel, webhookChannel } from "./testing.ts";

const HOUR = 3_600_000;

let database: TestDatabase;
let db: Db;
let sim: RunningSimulator;
type SlackMessage = { text: string; blocks: { type: string }[] };
let slack: WebhookReceiver<SlackMessage>;
let hook: WebhookReceiver<WebhookPayload>;

beforeAll(async () => {
  [database, sim, slack, hook] = await Promise.all([
    createTestDatabase(),
    startTestSimulator("demo"),
    startWebhookReceiver<SlackMessage>(),
    startWebhookReceiver<WebhookPayload>(),
  ]);
  db = createDb(database.url, { max: 4 });
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close(), slack?.close(), hook?.close()]);
});

function dispatcher(workerId: string) {
  return createAlertDispatcher({
    db,
    channels: [slackChannel("slack", slack.url), webhookChannel("webhook", hook.url)],
    publicUrl: PUBLIC_URL,
    workerId,
  });
}

async function sync(at: number) {
  sim.sim.clock.advance(at - sim.sim.clock.now());
  const outcomes = await syncSelected(testSyncEnvironment(db, sim, at), [
    { owner: "acme", repo: "*" },
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => "synced"));
}

/** The flag transitions written after every repository's backfill, as `flag transition`. */
async function liveTransitions(): Promise<string[]> {
  const rows = await db.$queryRaw<{ flag_id: bigint; transition: string }[]>`
    SELECT e.flag_id, e.transition::text AS transition FROM flag_events e
     WHERE e.recorded_at >= (SELECT max(backfill_done_at) FROM sync_states)
     ORDER BY e.id`;
  return rows.map((r) => `${r.flag_id} ${r.transition}`);
}

describe("alerts on the demo organisation", () => {
  it("send nothing for what the backfill found", async () => {
    const first = dispatcher("worker-a");
    await first.runOnce();
    await sync(TEST_NOW);
    expect(await db.flagEvent.count()).toBeGreaterThan(5);
    expect(await first.runOnce()).toMatchObject({ delivered: 0, failed: 0 });
    first.close();
    expect(slack.deliveries.length + hook.deliveries.length).toBe(0);
  }, 300_000);

  it("send each later transition once per channel, signed, with two dispatchers and after a restart", async () => {
    await sync(TEST_NOW + 9 * HOUR);
    const transitions = await liveTransitions();
    // A deploy stalls in live time (the demo's platform Release); nothing improves.
    expect(transitions.length).toBeGreaterThan(0);
    expect(transitions.every((t) => !t.endsWith(" improved"))).toBe(true);
    const [a, b] = [dispatcher("worker-a"), dispatcher("worker-b")];
    for (let round = 0; round < 5; round++) await Promise.all([a.runOnce(), b.runOnce()]);
    const restarted = dispatcher("worker-c");
    expect(await restarted.runOnce()).toMatchObject({ delivered: 0, failed: 0 });
    for (const d of [a, b, restarted]) d.close();

    const sent = hook.deliveries.map((d) => `${d.payload.flag.id} ${d.payload.transition}`);
    expect(sent.sort()).toEqual([...transitions].sort());
    expect(slack.deliveries).toHaveLength(transitions.length);
    expect(hook.deliveries.map((d) => d.payload.flag.kind)).toContain("deploy_stalled");
    for (const d of slack.deliveries)
      expect(d.payload.blocks.map((block) => block.type)).toEqual([
        "header",
        "section",
        "section",
        "actions",
      ]);
    for (const d of hook.deliveries) {
      const signature = String(d.headers["x-pipewatch-signature"]);
      const timestamp = String(d.headers["x-pipewatch-timestamp"]);
      expect(verifyAlertSignature(SECRET, { signature, timestamp, body: d.body })).toBe(true);
      expect(d.payload.url).toMatch(new RegExp(`^${PUBLIC_URL}/pipelines/\\d+$`));
    }
  }, 300_000);
});
