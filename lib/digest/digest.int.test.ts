// The weekly digest end to end: its numbers against the pipelines report for the same week
// window, and the e-mail received by a real SMTP server on loopback (parts, links, numbers).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessLink } from "@/lib/access/links-store";
import { deriveLinkKey } from "@/lib/access/links-token";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { createMailer, type Mailer } from "@/lib/mail/mailer";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/mail/smtp-testing";
import { getPipelinesReport } from "@/lib/metrics/pipelines";
import { getDigest, weekScope } from "./data.ts";
import { type DigestHistory, NOW, seedDigestHistory } from "./digest-testing.ts";
import { type DigestSender, sendWeeklyDigest } from "./send.ts";

const database = setUpTestDatabase();
const W47 = { year: 2026, week: 47 };
const PUBLIC_URL = "https://pipewatch.example.com";
let smtp: TestSmtpServer;
let seeded: DigestHistory;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  seeded = await seedDigestHistory(database.db);
});
afterAll(async () => {
  await smtp.close();
});

describe("the digest's numbers", () => {
  it("are the pipelines report's for the week and the week before", async () => {
    const { db } = database;
    const digest = await getDigest(db, W47, "UTC", NOW);
    const now = await getPipelinesReport(db, weekScope(W47, "UTC"));
    const before = await getPipelinesReport(db, weekScope({ year: 2026, week: 46 }, "UTC"));
    expect(digest.week).toBe("2026-W47");
    expect(digest.complete).toBe(true);
    expect(digest.window).toEqual(now.window);
    for (const p of digest.pipelines) {
      const a = now.pipelines.find((x) => x.id === p.id);
      const b = before.pipelines.find((x) => x.id === p.id);
      expect(p.p50).toEqual({ current: a?.durationMs.p50, previous: b?.durationMs.p50 });
      expect(p.p95).toEqual({ current: a?.durationMs.p95, previous: b?.durationMs.p95 });
      expect(p.runs).toEqual({ current: a?.runs, previous: b?.runs });
      expect(p.flakyRate).toEqual({ current: a?.flaky.rate, previous: b?.flaky.rate });
    }
    const ci = digest.pipelines.find((p) => p.id === String(seeded.ci));
    expect(ci?.p50).toEqual({ current: 600_000, previous: 300_000 });
    expect(digest.slower.map((p) => p.name)).toEqual(["CI"]);
    expect(digest.flakiest.map((p) => p.name)).toEqual(["CI"]);
    expect(digest.flakyTests.map((t) => t.name)).toEqual(["logs in"]);
    // CI: 5 runs of 10 minutes, Deploy: 2 of 2 minutes; the week before 3 × 5 and 1 × 2.
    expect(digest.totals.ciTimeMs).toEqual({ current: 54 * 60_000, previous: 17 * 60_000 });
    expect(digest.deploys).toEqual([
      expect.objectContaining({
        name: "Deploy",
        deploys: { current: 2, previous: 1 },
        // From Tuesday's deploy (day 1, 00:03) to Saturday's (day 5, 00:03): 4 days.
        longestGapMs: 4 * 86_400_000,
      }),
    ]);
    expect(digest.flags.opened.map((f) => f.message)).toEqual(["CI is slow: p50 10m 00s"]);
    expect(digest.flags.resolved).toEqual([]);
  });
});

const senderOf = (mailer: Mailer): DigestSender => ({
  db: database.db,
  mailer,
  from: "Pipewatch <pipewatch@example.com>",
  to: ["team@example.com"],
  publicUrl: PUBLIC_URL,
  timeZone: "UTC",
  owner: "test",
});

describe("the digest e-mail", () => {
  it("arrives with an HTML and a text part, absolute links and the week's numbers", async () => {
    const mailer = createMailer(smtp.url);
    try {
      const outcome = await sendWeeklyDigest(senderOf(mailer), W47, NOW);
      expect(outcome.status).toBe("sent");
      const [mail] = await smtp.waitFor(1);
      expect(mail?.to).toEqual(["team@example.com"]);
      expect(mail?.parsed.subject).toBe("Pipewatch weekly digest 2026-W47 (Nov 16 – Nov 22, 2026)");
      expect(mail?.parsed.headers.get("x-pipewatch-week")).toBe("2026-W47");
      const html = String(mail?.parsed.html);
      const text = String(mail?.parsed.text);
      expect(html).not.toMatch(/<script/i);
      expect(html).toMatch(/<table/);
      for (const part of [html, text]) {
        expect(part).toContain(`${PUBLIC_URL}/digest/2026-W47`);
        expect(part).toContain(`${PUBLIC_URL}/pipelines/${seeded.ci}`);
        expect(part).toContain(`${PUBLIC_URL}/pipelines/${seeded.deploy}`);
      }
      expect(text).toContain("p50 10m 00s ▲ +100.0% (was 5m 00s)");
      expect(text).toContain("Total CI time: 54m 00s ▲ +217.6% (was 17m 00s)");
      expect(html).toContain("10m 00s");
      expect(html).toContain("+100.0%");
      // Without AUTH_SECRET the link is the plain address, and no link row is made.
      expect(text).not.toContain("token=");
      expect(await database.db.accessLink.count()).toBe(0);
      const row = await database.db.digestSend.findUniqueOrThrow({ where: { week: "2026-W47" } });
      expect(row).toMatchObject({
        state: "delivered",
        attempts: 1,
        messageId: mail?.parsed.messageId,
      });
    } finally {
      mailer.close();
    }
  });

  it("with AUTH_SECRET, links to its week with a fresh signed link that opens that week only", async () => {
    const secret = "digest-link-test-secret-0123456789abcdef";
    const mailer = createMailer(smtp.url);
    try {
      const sender = { ...senderOf(mailer), authSecret: secret };
      const outcome = await sendWeeklyDigest(sender, { year: 2026, week: 46 }, NOW);
      expect(outcome.status).toBe("sent");
      const mail = (await smtp.waitFor(2))[1];
      const text = String(mail?.parsed.text);
      const href = /The whole digest: (\S+)/.exec(text)?.[1] ?? "";
      const url = new URL(href);
      expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/digest/2026-W46`);
      expect(String(mail?.parsed.html)).toContain(`href="${href}"`);
      const token = url.searchParams.get("token") ?? "";
      const link = await verifyAccessLink(database.db, deriveLinkKey(secret), token, NOW);
      expect(link).toMatchObject({ kind: "digest", scope: "2026-W46" });
      expect(link?.allows("GET", "/digest/2026-W46")).toBe(true);
      for (const pathname of ["/digest/2026-W47", "/digest/latest", "/tv", "/api/v1/pipelines"])
        expect(link?.allows("GET", pathname), pathname).toBe(false);
      // One row per e-mail, valid for 60 days from the send, and refused under another key.
      const rows = await database.db.accessLink.findMany();
      expect(rows).toEqual([
        expect.objectContaining({ kind: "digest", scope: "2026-W46", revokedAt: null }),
      ]);
      expect(rows[0]?.expiresAt.getTime()).toBe(
        Math.floor(NOW.getTime() / 1000 + 60 * 86_400) * 1000,
      );
      expect(
        await verifyAccessLink(database.db, deriveLinkKey(`${secret}!`), token, NOW),
      ).toBeNull();
    } finally {
      mailer.close();
    }
  });
});
