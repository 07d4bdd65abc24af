// An alert's content in each channel's shape: a Slack Block Kit message, the generic webhook's
// JSON, and an e-mail's HTML and text parts.
import type { AlertContent, AlertEvent } from "./content.ts";

/** Slack's mrkdwn needs &, < and > escaped; everything else is shown as written. */
function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A Slack incoming-webhook message: header, the sentence, fields, what to check, a button. */
export function slackMessage(content: AlertContent) {
  return {
    // The notification's text (and the fallback of clients without blocks).
    text: content.title,
    blocks: [
      { type: "header", text: { type: "plain_text", text: content.title.slice(0, 150) } },
      {
        type: "section",
        text: { type: "mrkdwn", text: slackEscape(content.message) },
        fields: content.fields.map((f) => ({
          type: "mrkdwn",
          text: `*${slackEscape(f.label)}*\n${slackEscape(f.value)}`,
        })),
      },
      {
        type: "section",
        text: { type: "mrkdwn", text: `*Check first:* ${slackEscape(content.runbook)}` },
      },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: content.linkLabel },
            url: content.link,
          },
        ],
      },
    ],
  };
}

/** The generic webhook's body (version 1): the event's facts and the composed words. */
export function webhookPayload(event: AlertEvent, content: AlertContent) {
  return {
    version: 1,
    deliveryId: event.deliveryId,
    flag: {
      id: event.flagId,
      kind: event.kind,
      severity: event.severity,
      repository: event.repo,
      workflow: event.workflow,
      workflowId: event.workflowId,
      since: event.since.toISOString(),
    },
    transition: event.transition,
    at: event.at.toISOString(),
    title: content.title,
    message: content.message,
    runbook: content.runbook,
    url: content.link,
  };
}

export type WebhookPayload = ReturnType<typeof webhookPayload>;

function htmlEscape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** An alert e-mail: inline styles and a table, readable in every client; and its text part. */
export function emailMessage(content: AlertContent): {
  subject: string;
  html: string;
  text: string;
} {
  const cell = "padding:4px 12px 4px 0;font:14px/1.4 Arial,sans-serif;vertical-align:top";
  const rows = content.fields
    .map(
      (f) =>
        `<tr><td style="${cell};color:#57606a">${htmlEscape(f.label)}</td><td style="${cell}">${htmlEscape(f.value)}</td></tr>`,
    )
    .join("");
  const html = `<!doctype html><html><body style="margin:0;padding:16px;background:#ffffff">
<table role="presentation" cellpadding="0" cellspacing="0" style="max-width:600px">
<tr><td style="font:bold 18px/1.3 Arial,sans-serif;padding-bottom:8px">${htmlEscape(content.title)}</td></tr>
<tr><td style="font:14px/1.5 Arial,sans-serif;padding-bottom:12px">${htmlEscape(content.message)}</td></tr>
<tr><td><table role="presentation" cellpadding="0" cellspacing="0">${rows}</table></td></tr>
<tr><td style="font:14px/1.5 Arial,sans-serif;padding:12px 0"><b>Check first:</b> ${htmlEscape(content.runbook)}</td></tr>
<tr><td><a href="${htmlEscape(content.link)}" style="display:inline-block;padding:8px 14px;background:#0969da;color:#ffffff;text-decoration:none;border-radius:6px;font:14px Arial,sans-serif">${htmlEscape(content.linkLabel)}</a></td></tr>
</table></body></html>`;
  const text = [
    content.title,
    "",
    content.message,
    "",
    ...content.fields.map((f) => `${f.label}: ${f.value}`),
    "",
    `Check first: ${content.runbook}`,
    "",
    `${content.linkLabel}: ${content.link}`,
  ].join("\n");
  return { subject: `[Pipewatch] ${content.title}`, html, text };
}
