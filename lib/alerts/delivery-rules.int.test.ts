// What each channel is sent: e-mail through a real SMTP server on loopback, quiet hours that
// hold alerts until they end, and filters by severity and repository.
import { afterEach, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { startTestSmtpServer } from "@/lib/mail/smtp-testing";
import { seedRepo, seedWorkflow } from "@/lib/metrics/testing";
import { startWebhookReceiver } from "@/lib/simulator/testing/webhook-receiver";
import type { AlertChannel } from "./channels.ts";
import { createAlertDispatcher } from "./dispatcher.ts";
import type { WebhookPayload } from "./formats.ts";
import { markBackfilled, PUBLIC_URL, raise, webhookChannel } from "./testing.ts";

const database = setUpTestDatabase();
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const done of cleanup.splice(0)) await done();
});

function dispatcher(channels: AlertChannel[], now?: () => Date) {
  const d = createAlertDispatcher({
    db: database.db,
    channels,
    publicUrl: PUBLIC_URL,
    workerId: "worker",
    now,
  });
  cleanup.push(d.close);
  return d;
}

async function receiver() {
  const r = await startWebhookReceiver<WebhookPayload>();
  cleanup.push(r.close);
  return r;
}

describe("alert channels", () => {
  it("e-mails an alert through SMTP: subject, the runbook line and a link in both parts", async () => {
    const { db } = database;
    const smtp = await startTestSmtpServer();
    cleanup.push(smtp.close);
    const channel = {
      ...webhookChannel("mail", ""),
      type: "email",
      to: ["oncall@example.com"],
      from: "Pipewatch <pipewatch@example.com>",
      smtpUrl: smtp.url,
    } as AlertChannel;
    const d = dispatcher([channel]);
    await d.runOnce();
    const repo = await seedRepo(db);
    const workflow = await seedWorkflow(db, repo, "Release", ".github/workflows/release.yml");
    await markBackfilled(db, repo);
    await raise(db, repo, [
      { workflowId: workflow, kind: "deploy_skipped", severity: "critical", message: "skipped" },
    ]);
    expect(await d.runOnce()).toMatchObject({ delivered: 1 });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(["oncall@example.com"]);
    expect(mail?.parsed.subject).toBe(
      `[Pipewatch] Opened: deploy skipped (critical) — acme/r${repo} · Release`,
    );
    const link = `${PUBLIC_URL}/pipelines/${workflow}`;
    expect(mail?.parsed.text).toContain("Check first: Check the deploy job's `if:` condition");
    expect(mail?.parsed.text).toContain(link);
    expect(mail?.parsed.html).toContain(`href="${link}"`);
    expect(mail?.parsed.html).not.toMatch(/<script/i);
  });

  it("holds alerts during quiet hours and sends them, in order, when they end", async () => {
    const { db } = database;
    const hook = await receiver();
    let now = new Date("2026-11-27T23:30:00Z");
    const channel = webhookChannel("quiet", hook.url, {
      quietHours: { start: 22 * 60, end: 7 * 60 },
      timeZone: "UTC",
    });
    const d = dispatcher([channel], () => now);
    await d.runOnce();
    const repo = await seedRepo(db);
    await markBackfilled(db, repo);
    await raise(db, repo, [{}]);
    await raise(db, repo, []);
    expect(await d.runOnce()).toMatchObject({ delivered: 0 });
    now = new Date("2026-11-28T06:59:00Z");
    expect(await d.runOnce()).toMatchObject({ delivered: 0 });
    now = new Date("2026-11-28T07:00:00Z");
    expect((await d.runOnce()).delivered + (await d.runOnce()).delivered).toBe(2);
    expect(hook.deliveries.map((r) => r.payload.transition)).toEqual(["opened", "resolved"]);
  });

  it("filters by severity and repository; a resolution goes where the flag was announced", async () => {
    const { db } = database;
    const hook = await receiver();
    const [watched, other] = [await seedRepo(db), await seedRepo(db)];
    const channel = webhookChannel("critical-only", hook.url, {
      filter: { minSeverity: "critical", repositories: [`acme/r${watched}`] },
    });
    const d = dispatcher([channel]);
    await d.runOnce();
    const [a, b] = [await seedWorkflow(db, watched), await seedWorkflow(db, watched, "B")];
    for (const repo of [watched, other]) await markBackfilled(db, repo);
    await raise(db, watched, [
      { workflowId: a, message: "a warning" },
      { workflowId: b, message: "critical", severity: "critical" },
    ]);
    await raise(db, other, [{ message: "elsewhere", severity: "critical" }]);
    // b improves to a warning and then resolves: its resolution is still sent here.
    await raise(db, watched, [
      { workflowId: a, message: "a warning" },
      { workflowId: b, message: "better", severity: "warning" },
    ]);
    await raise(db, watched, []);
    while ((await d.runOnce()).delivered > 0);
    expect(hook.deliveries.map((r) => [r.payload.transition, r.payload.message])).toEqual([
      ["opened", "critical"],
      ["resolved", "No longer the case: better"],
    ]);
  });
});
