// The worker's weekly digest: once a minute, the latest DIGEST_CRON firing of the past week (in
// DIGEST_TZ) names the week to send, the last complete one at that moment; sendWeeklyDigest
// then sends it unless digest_sends says it was. A worker down at the scheduled minute catches
// up when it is back within the week; a failed send is retried with back-off.
import "server-only";
import type { Config } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { describeError } from "@/lib/errors";
import { createMailer } from "@/lib/mail/mailer";
import { type Cron, lastFireBetween, parseCron } from "./cron.ts";
import { latestCompleteWeek } from "./iso-week.ts";
import { type DigestSender, type SendOutcome, sendWeeklyDigest } from "./send.ts";

const MINUTE = 60_000;
const LOOKBACK_MS = 7 * 24 * 60 * MINUTE;

/** Why the worker does not send the digest, or null when it does. */
export function digestDisabledReason(config: Pick<Config, "smtpUrl" | "digest">): string | null {
  if (!config.smtpUrl) return "SMTP_URL is not set";
  if (config.digest.to.length === 0) return "DIGEST_TO is not set";
  return null;
}

/**
 * A check of the schedule at `now`: sends the due week's digest if nobody has. The latest firing
 * is remembered, so that each minute is tested against the cron expression once.
 */
export function createDigestCheck(
  sender: DigestSender,
  cronExpression: string,
): (now: Date) => Promise<SendOutcome | null> {
  const cron: Cron = parseCron(cronExpression);
  let checked: Date | null = null;
  let fire: Date | null = null;
  const done = new Set<string>();
  return async (now) => {
    const since = checked && now.getTime() - checked.getTime() < LOOKBACK_MS ? checked : null;
    const found = lastFireBetween(
      cron,
      since ?? new Date(now.getTime() - LOOKBACK_MS),
      now,
      sender.timeZone,
    );
    fire = found ?? (since ? fire : null);
    checked = now;
    if (!fire || now.getTime() - fire.getTime() > LOOKBACK_MS) return null;
    const week = latestCompleteWeek(fire, sender.timeZone);
    const key = `${week.year}-${week.week}`;
    if (done.has(key)) return null;
    const outcome = await sendWeeklyDigest(sender, week, now);
    // Delivered, by us or another: nothing more to do this week. Else (a failure, another's
    // claim that may yet expire) the next check tries again.
    const row =
      outcome.status === "sent"
        ? null
        : await sender.db.digestSend.findUnique({ where: { week: outcome.week } });
    if (outcome.status === "sent" || row?.state === "delivered") done.add(key);
    return outcome;
  };
}

/**
 * Runs the digest schedule beside the sync worker until `signal` aborts; says once why not
 * when SMTP_URL or DIGEST_TO is missing.
 */
export function startDigestSchedule(
  config: Config,
  db: Db,
  owner: string,
  log: (line: string) => void,
  signal: AbortSignal,
): void {
  const reason = digestDisabledReason(config);
  if (reason || !config.smtpUrl) {
    log(`not sending the weekly digest: ${reason}.`);
    return;
  }
  const transport = createMailer(config.smtpUrl);
  const check = createDigestCheck(
    {
      db,
      mailer: transport,
      owner,
      publicUrl: config.publicUrl,
      authSecret: config.authSecret,
      ...config.digest,
    },
    config.digest.cron,
  );
  log(
    `weekly digest to ${config.digest.to.length} recipient(s) at "${config.digest.cron}" (${config.digest.timeZone})`,
  );
  const tick = async () => {
    try {
      const outcome = await check(new Date());
      if (outcome?.status === "sent") log(`sent the weekly digest ${outcome.week}`);
      if (outcome?.status === "failed")
        log(
          `the weekly digest ${outcome.week} could not be sent (retried later): ${outcome.error}`,
        );
    } catch (error: unknown) {
      log(`weekly digest: ${describeError(error)}`);
    }
  };
  const timer = setInterval(() => void tick(), MINUTE);
  timer.unref();
  void tick();
  signal.addEventListener(
    "abort",
    () => {
      clearInterval(timer);
      transport.close();
    },
    { once: true },
  );
}
