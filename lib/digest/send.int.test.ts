// Exactly once per week: racing senders, a restarted worker, a crashed claim and a failed send,
// against a real SMTP server on loopback. Without the claim in digest_sends each of these would
// send the week's digest more than once (or never retry).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { createMailer, type Mailer } from "@/lib/mail/mailer";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/mail/smtp-testing";
import { createDigestCheck } from "./schedule.ts";
import { CLAIM_TTL_MS, type DigestSender, RETRY_BASE_MS, sendWeeklyDigest } from "./send.ts";

const database = setUpTestDatabase();
let smtp: TestSmtpServer;
let mailer: Mailer;
const MINUTE = 60_000;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  mailer = createMailer(smtp.url);
});
afterAll(async () => {
  mailer.close();
  await smtp.close();
});

const sender = (owner: string, transport = mailer): DigestSender => ({
  db: database.db,
  mailer: transport,
  from: "pipewatch@example.com",
  to: ["team@example.com"],
  publicUrl: "http://pipewatch.test",
  timeZone: "UTC",
  owner,
});

/** The messages received for `week`, after a moment for any late one to arrive. */
async function received(week: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  return smtp.received.filter((m) => m.parsed.headers.get("x-pipewatch-week") === week).length;
}

const row = (week: string) => database.db.digestSend.findUniqueOrThrow({ where: { week } });

/**
 * `owner` may not send week 2026-W`n` `early` minutes after `now` but does `late` minutes after
 * (the only message of that week), on its second attempt.
 */
async function expectSentBetween(owner: string, n: number, now: Date, early: number, late: number) {
  const week = { year: 2026, week: n };
  const after = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
  expect((await sendWeeklyDigest(sender(owner), week, after(early))).status).toBe("skipped");
  expect((await sendWeeklyDigest(sender(owner), week, after(late))).status).toBe("sent");
  expect(await received(`2026-W${n}`)).toBe(1);
  expect(await row(`2026-W${n}`)).toMatchObject({
    state: "delivered",
    attempts: 2,
    lastError: null,
  });
}

describe("the weekly digest is sent once", () => {
  it("by one of several workers racing for the same week", async () => {
    const now = new Date("2026-11-30T08:00:00Z");
    const outcomes = await Promise.all(
      ["a", "b", "c", "d"].map((owner) =>
        sendWeeklyDigest(sender(owner), { year: 2026, week: 40 }, now),
      ),
    );
    expect(outcomes.filter((o) => o.status === "sent")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "skipped")).toHaveLength(3);
    expect(await received("2026-W40")).toBe(1);
    expect(await row("2026-W40")).toMatchObject({ state: "delivered", attempts: 1 });
  });

  it("on the schedule, and not again by a restarted worker or a second one", async () => {
    // Thursday 26 November: Monday 23 November 08:00 fired, for 2026-W47.
    const now = new Date("2026-11-26T12:00:00Z");
    const first = await createDigestCheck(sender("w1"), "0 8 * * 1")(now);
    expect(first).toEqual(expect.objectContaining({ status: "sent", week: "2026-W47" }));
    const restarted = createDigestCheck(sender("w1-restarted"), "0 8 * * 1");
    const other = createDigestCheck(sender("w2"), "0 8 * * 1");
    expect(await restarted(now)).toEqual({ status: "skipped", week: "2026-W47" });
    expect(await other(new Date(now.getTime() + MINUTE))).toEqual({
      status: "skipped",
      week: "2026-W47",
    });
    expect(await received("2026-W47")).toBe(1);
  });

  it("by a scheduled worker that found another's claim, once that claim has expired", async () => {
    // Monday 26 October 2026 08:00 fires for 2026-W43; a worker claimed it then and died.
    const fired = new Date("2026-10-26T08:00:00Z");
    await database.db.digestSend.create({
      data: { week: "2026-W43", attempts: 1, claimedBy: "crashed", claimedAt: fired },
    });
    const check = createDigestCheck(sender("w3"), "0 8 * * 1");
    const at = (minutes: number) => new Date(fired.getTime() + minutes * MINUTE);
    expect(await check(at(1))).toEqual({ status: "skipped", week: "2026-W43" });
    expect(await check(at(CLAIM_TTL_MS / MINUTE + 1))).toMatchObject({ status: "sent" });
    expect(await check(at(CLAIM_TTL_MS / MINUTE + 2))).toBeNull();
    expect(await received("2026-W43")).toBe(1);
  });

  it("after a crashed claim expires, not before", async () => {
    const now = new Date("2026-11-30T08:00:00Z");
    await database.db.digestSend.create({
      data: { week: "2026-W41", attempts: 1, claimedBy: "crashed", claimedAt: now },
    });
    const ttl = CLAIM_TTL_MS / MINUTE;
    await expectSentBetween("b", 41, now, ttl - 1, ttl + 1);
    expect((await row("2026-W41")).claimedBy).toBe("b");
  });

  it("records a failure and retries it after a back-off", async () => {
    const now = new Date("2026-11-30T08:00:00Z");
    const week = { year: 2026, week: 42 };
    const broken = createMailer("smtp://127.0.0.1:1");
    try {
      const failed = await sendWeeklyDigest(sender("a", broken), week, now);
      expect(failed.status).toBe("failed");
    } finally {
      broken.close();
    }
    const recorded = await row("2026-W42");
    expect(recorded).toMatchObject({ state: "failed", attempts: 1, claimedBy: null });
    expect(recorded.lastError).toMatch(/ECONNREFUSED|connect/i);
    const backOff = RETRY_BASE_MS / MINUTE;
    await expectSentBetween("a", 42, now, backOff / 2, backOff + 1);
  });
});
