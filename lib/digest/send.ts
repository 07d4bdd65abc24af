// Sending a week's digest exactly once, however many workers try: the row of the week in
// digest_sends is claimed by one INSERT ... ON CONFLICT DO UPDATE ... WHERE, which only one
// of concurrent claimers wins (on PostgreSQL and the embedded database alike). A claim left by
// a process that crashed expires after CLAIM_TTL_MS; a failed send is retried after a back-off,
// up to MAX_ATTEMPTS. Only a delivered row ends it.
import "server-only";
import { createDigestLinkUrl } from "@/lib/access/links";
import type { Db } from "@/lib/db/client";
import { describeError } from "@/lib/errors";
import type { Mailer } from "@/lib/mail/mailer";
import { getDigest } from "./data.ts";
import { formatIsoWeek, type IsoWeek } from "./iso-week.ts";
import { renderDigestMessage } from "./message.ts";

/** Longer than any send: a claim older than this was left by a process that died. */
export const CLAIM_TTL_MS = 10 * 60_000;
/** The first retry waits this long, each next one twice as long, up to RETRY_MAX_MS. */
export const RETRY_BASE_MS = 5 * 60_000;
export const RETRY_MAX_MS = 6 * 3_600_000;
export const MAX_ATTEMPTS = 10;

/**
 * Claims the week's send for `owner`: true when this caller must send it now. False when it was
 * delivered, is being sent by another (claim younger than CLAIM_TTL_MS), failed too recently
 * (back-off) or too often.
 */
export async function claimDigestSend(
  db: Db,
  week: string,
  owner: string,
  recipients: string[],
  now: Date,
): Promise<boolean> {
  const rows = await db.$queryRaw<{ week: string }[]>`
    INSERT INTO digest_sends (week, state, recipients, attempts, claimed_by, claimed_at)
    VALUES (${week}, 'pending', ${recipients}::text[], 1, ${owner}, ${now})
    ON CONFLICT (week) DO UPDATE SET state = 'pending', recipients = EXCLUDED.recipients,
      attempts = digest_sends.attempts + 1, claimed_by = EXCLUDED.claimed_by,
      claimed_at = EXCLUDED.claimed_at
    WHERE digest_sends.state IN ('pending', 'failed') AND digest_sends.attempts < ${MAX_ATTEMPTS}
      AND digest_sends.claimed_at < ${now}::timestamptz - interval '1 millisecond' * (
        CASE WHEN digest_sends.state = 'failed'
          THEN least(${RETRY_BASE_MS}::float8 * 2 ^ (digest_sends.attempts - 1), ${RETRY_MAX_MS})
          ELSE ${CLAIM_TTL_MS} END)
    RETURNING week`;
  return rows.length === 1;
}

async function recordDelivered(db: Db, week: string, owner: string, messageId: string) {
  await db.digestSend.updateMany({
    where: { week, claimedBy: owner },
    data: { state: "delivered", messageId, sentAt: new Date(), lastError: null },
  });
}

async function recordFailed(db: Db, week: string, owner: string, error: string, now: Date) {
  // claimed_at becomes the time of the attempt: the back-off counts from it.
  await db.digestSend.updateMany({
    where: { week, claimedBy: owner },
    data: { state: "failed", lastError: error.slice(0, 1000), claimedBy: null, claimedAt: now },
  });
}

export type DigestSender = {
  db: Db;
  mailer: Mailer;
  from: string;
  to: string[];
  publicUrl: string;
  timeZone: string;
  /** AUTH_SECRET: when set, each e-mail links to its week with a fresh signed, revocable link. */
  authSecret?: string;
  /** This process's name in claims (leaseOwnerName()). */
  owner: string;
};

export type SendOutcome =
  | { status: "sent"; week: string; messageId: string }
  | { status: "skipped"; week: string }
  | { status: "failed"; week: string; error: string };

/** Sends the digest of `week` unless it was sent or is being sent: at most once per week. */
export async function sendWeeklyDigest(
  sender: DigestSender,
  week: IsoWeek,
  now = new Date(),
): Promise<SendOutcome> {
  const name = formatIsoWeek(week);
  if (!(await claimDigestSend(sender.db, name, sender.owner, sender.to, now)))
    return { status: "skipped", week: name };
  try {
    const digest = await getDigest(sender.db, week, sender.timeZone, now);
    const { authSecret, publicUrl } = sender;
    const href = authSecret
      ? await createDigestLinkUrl({ db: sender.db, authSecret, publicUrl }, name, now)
      : undefined;
    const message = await renderDigestMessage(digest, publicUrl, href);
    const messageId = await sender.mailer.send({ ...message, from: sender.from, to: sender.to });
    await recordDelivered(sender.db, name, sender.owner, messageId);
    return { status: "sent", week: name, messageId };
  } catch (error: unknown) {
    const text = describeError(error);
    await recordFailed(sender.db, name, sender.owner, text, now);
    return { status: "failed", week: name, error: text };
  }
}
