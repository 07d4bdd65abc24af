// `pipewatch worker` sends alerts: a real process against a real database and a local webhook
// receiver. It names its channels (never their URLs), sends a flag raised while it runs, signed,
// and stops on SIGTERM.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAlertSignature } from "@/lib/alerts/signature";
import { markBackfilled, raise, SECRET } from "@/lib/alerts/testing";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { seedRepo } from "@/lib/metrics/testing";
import {
  startWebhookReceiver,
  type WebhookReceiver,
} from "@/lib/simulator/testing/webhook-receiver";

let database: TestDatabase;
let db: Db;
let hook: WebhookReceiver<{ transition: string; url: string }>;

beforeAll(async () => {
  [database, hook] = await Promise.all([
    createTestDatabase(),
    startWebhookReceiver<{ transition: string; url: string }>(),
  ]);
  db = createDb(database.url, { max: 2 });
}, 60_000);
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([database?.drop(), hook?.close()]);
});

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("pipewatch worker", () => {
  it("sends a flag's alert to the configured webhook, signed, and names the channel only", async () => {
    const worker: ChildProcess = spawn(process.execPath, ["bin/pipewatch.mjs", "worker"], {
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        DATABASE_URL: database.url,
        GITHUB_TOKEN: "unused",
        PIPEWATCH_REPOS: "",
        PIPEWATCH_PUBLIC_URL: "https://pw.example.com",
        ALERT_WEBHOOK_URL: hook.url,
        ALERT_WEBHOOK_SECRET: SECRET,
      },
    });
    let stderr = "";
    worker.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => worker.on("exit", resolve));
    try {
      await until("the channel's registration", async () => (await db.alertChannel.count()) > 0);
      const repo = await seedRepo(db);
      await markBackfilled(db, repo);
      await raise(db, repo, [{ kind: "stale_data" }]);
      await until("the alert", () => hook.deliveries.length > 0);
    } finally {
      worker.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain("alerts: sending to webhook (webhook)");
    expect(stderr).not.toContain(hook.url);
    expect(hook.deliveries).toHaveLength(1);
    const [delivery] = hook.deliveries;
    expect(delivery?.payload).toMatchObject({
      transition: "opened",
      url: "https://pw.example.com/status",
    });
    const signature = String(delivery?.headers["x-pipewatch-signature"]);
    const timestamp = String(delivery?.headers["x-pipewatch-timestamp"]);
    expect(verifyAlertSignature(SECRET, { signature, timestamp, body: delivery?.body ?? "" })).toBe(
      true,
    );
  }, 90_000);
});
