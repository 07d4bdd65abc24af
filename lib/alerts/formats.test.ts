import { describe, expect, it } from "vitest";
import { type AlertEvent, composeAlert, RUNBOOK } from "./content.ts";
import { slackMessage, webhookPayload } from "./formats.ts";
import { scrubError } from "./send.ts";
import { signAlert, verifyAlertSignature } from "./signature.ts";

const event: AlertEvent = {
  deliveryId: "7",
  flagId: "3",
  transition: "opened",
  kind: "deploy_suspicious",
  severity: "warning",
  message: "The push step took 2 s instead of ~90 s <in 3 runs>",
  at: new Date("2026-11-27T10:00:00Z"),
  since: new Date("2026-11-27T05:00:00Z"),
  repo: "acme/images",
  workflowId: 42,
  workflow: "Publish image",
};

describe("alert content", () => {
  it("says what happened, since when, what to check first, and links to the pipeline", () => {
    const content = composeAlert(event, "https://pw.example.com");
    expect(content.title).toBe("Opened: suspicious deploy (warning) — acme/images · Publish image");
    expect(content.fields).toContainEqual({
      label: "Since",
      value: "2026-11-27 05:00 UTC (for 5h 00m)",
    });
    expect(content.runbook).toBe("Verify the artifact really reached the registry.");
    expect(content.link).toBe("https://pw.example.com/pipelines/42");
    const repoWide = composeAlert(
      { ...event, kind: "stale_data", workflowId: null, workflow: null },
      "https://pw.example.com",
    );
    expect(repoWide.link).toBe("https://pw.example.com/status");
    for (const line of Object.values(RUNBOOK)) expect(line).toMatch(/^[A-Z].*\.$/);
  });

  it("is a Slack Block Kit message: header, section with fields, a link button", () => {
    const message = slackMessage(composeAlert(event, "https://pw.example.com"));
    expect(message.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "actions"]);
    expect(message.blocks[1]).toMatchObject({
      text: { type: "mrkdwn", text: "The push step took 2 s instead of ~90 s &lt;in 3 runs&gt;" },
      fields: expect.arrayContaining([
        { type: "mrkdwn", text: "*Pipeline*\nacme/images · Publish image" },
      ]),
    });
    expect(message.blocks[3]).toMatchObject({
      elements: [{ type: "button", url: "https://pw.example.com/pipelines/42" }],
    });
    expect(webhookPayload(event, composeAlert(event, "x")).flag).toMatchObject({
      kind: "deploy_suspicious",
      repository: "acme/images",
    });
  });

  it("signs timestamp and body, and refuses old timestamps (replays)", () => {
    const now = Date.UTC(2026, 10, 27, 10);
    const timestamp = now / 1000;
    const signature = signAlert("s3cret-s3cret-s3cret", timestamp, '{"a":1}');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const request = { signature, timestamp: String(timestamp), body: '{"a":1}' };
    expect(verifyAlertSignature("s3cret-s3cret-s3cret", request, now)).toBe(true);
    expect(verifyAlertSignature("s3cret-s3cret-s3cret", request, now + 301_000)).toBe(false);
    const moved = { ...request, timestamp: String(timestamp + 1) };
    expect(verifyAlertSignature("s3cret-s3cret-s3cret", moved, now)).toBe(false);
  });

  it("keeps URLs out of recorded errors", () => {
    expect(
      scrubError("getaddrinfo ENOTFOUND https://hooks.slack.com/services/T/B/secret\nstack"),
    ).toBe("getaddrinfo ENOTFOUND <url>");
  });
});
