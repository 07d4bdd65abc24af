// Sends one alert to one channel. Failures become a sentence fit for the status page: what
// failed and why, never the channel's URL, secret or SMTP credentials.
import "server-only";
import { createMailer, type Mailer } from "@/lib/mail/mailer";
import type { AlertChannel } from "./channels.ts";
import { type AlertEvent, composeAlert } from "./content.ts";
import { emailMessage, slackMessage, webhookPayload } from "./formats.ts";
import { SIGNATURE_HEADER, signAlert, TIMESTAMP_HEADER } from "./signature.ts";

const TIMEOUT_MS = 10_000;

/** A failed delivery, its message already safe to record and show. */
export class DeliveryError extends Error {}

const NAMES = { slack: "the Slack webhook", webhook: "the webhook", email: "the SMTP server" };

/** Removes anything URL-shaped (a Slack URL is its own secret) and keeps one short line. */
export function scrubError(text: string): string {
  return (
    text
      .replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
      .split("\n")[0]
      ?.slice(0, 200)
      .trim() ?? ""
  );
}

const CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  ECONNRESET: "connection reset",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
};

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === "string") return CODES[code] ? `${CODES[code]} (${code})` : code;
    return cause.message;
  }
  return error.message;
}

async function post(
  channel: AlertChannel & { url: string },
  body: string,
  headers: Record<string, string>,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(channel.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error: unknown) {
    throw new DeliveryError(
      `could not reach ${NAMES[channel.type]}: ${scrubError(causeOf(error))}`,
    );
  }
  const answer = await response.text().catch(() => "");
  if (!response.ok) {
    const said = scrubError(answer);
    throw new DeliveryError(
      `${NAMES[channel.type]} answered HTTP ${response.status}${said ? `: ${said}` : ""}`,
    );
  }
}

export type Senders = {
  /** One mailer per SMTP URL, made on first use. */
  mailerFor: (smtpUrl: string) => Mailer;
  close: () => void;
};

export function createSenders(): Senders {
  const mailers = new Map<string, Mailer>();
  return {
    mailerFor: (smtpUrl) => {
      let mailer = mailers.get(smtpUrl);
      if (!mailer) {
        mailer = createMailer(smtpUrl);
        mailers.set(smtpUrl, mailer);
      }
      return mailer;
    },
    close: () => {
      for (const mailer of mailers.values()) mailer.close();
      mailers.clear();
    },
  };
}

/** Sends `event` to `channel`; throws a DeliveryError when it did not go. */
export async function sendAlert(
  channel: AlertChannel,
  event: AlertEvent,
  publicUrl: string,
  senders: Senders,
): Promise<void> {
  const content = composeAlert(event, publicUrl);
  if (channel.type === "slack") {
    await post(channel, JSON.stringify(slackMessage(content)), {});
    return;
  }
  if (channel.type === "webhook") {
    const body = JSON.stringify(webhookPayload(event, content));
    // The real clock, whatever the dispatcher's: the receiver checks it against its own.
    const timestamp = Math.floor(Date.now() / 1000);
    await post(channel, body, {
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signAlert(channel.secret, timestamp, body),
      "X-Pipewatch-Delivery": event.deliveryId,
    });
    return;
  }
  const mail = emailMessage(content);
  try {
    await senders.mailerFor(channel.smtpUrl).send({
      from: channel.from,
      to: channel.to,
      ...mail,
      headers: { "X-Pipewatch-Delivery": event.deliveryId },
    });
  } catch (error: unknown) {
    throw new DeliveryError(`${NAMES.email} refused the message: ${scrubError(causeOf(error))}`);
  }
}
