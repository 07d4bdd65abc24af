import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config";
import { channelAccepts, configuredAlertChannels, loadAlertChannels } from "./channels.ts";

const SLACK = "https://hooks.slack.com/services/T1/B2/hunter2";

/** The ConfigError's lines for `env` (it must throw one). */
function configProblems(env: Record<string, string>): string[] {
  const thrown = (() => {
    try {
      return loadConfig(env);
    } catch (error: unknown) {
      return error;
    }
  })();
  expect(thrown).toBeInstanceOf(ConfigError);
  return thrown instanceof ConfigError ? thrown.problems : [];
}

function withFile(json: unknown, env: Record<string, string> = {}) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "alerts-")), "alerts.json");
  writeFileSync(file, typeof json === "string" ? json : JSON.stringify(json));
  return () => loadAlertChannels(loadConfig({ ...env, PIPEWATCH_ALERTS_FILE: file }));
}

describe("alert channels from the environment", () => {
  it("makes a Slack, a webhook and an e-mail channel with the quiet hours and severity", () => {
    const channels = loadAlertChannels(
      loadConfig({
        ALERT_SLACK_WEBHOOK_URL: SLACK,
        ALERT_WEBHOOK_URL: "https://alerts.example.com/in",
        ALERT_WEBHOOK_SECRET: "0123456789abcdef",
        ALERT_EMAIL_TO: "a@example.com, b@example.com",
        SMTP_URL: "smtp://mail.example.com:25",
        ALERT_MIN_SEVERITY: "critical",
        ALERT_QUIET_HOURS: "22:00-07:00",
        ALERT_TZ: "Europe/Berlin",
      }),
    );
    expect(channels.map((c) => [c.name, c.type])).toEqual([
      ["slack", "slack"],
      ["webhook", "webhook"],
      ["email", "email"],
    ]);
    expect(channels[2]).toMatchObject({
      to: ["a@example.com", "b@example.com"],
      from: "Pipewatch <pipewatch@localhost>",
      filter: { minSeverity: "critical", repositories: [] },
      quietHours: { start: 22 * 60, end: 7 * 60 },
      timeZone: "Europe/Berlin",
    });
  });

  it("refuses a webhook without its secret, e-mail without SMTP_URL, and never echoes secrets", () => {
    const problems = configProblems({
      ALERT_SLACK_WEBHOOK_URL: "hooks.slack.com/hunter2",
      ALERT_WEBHOOK_URL: "https://alerts.example.com/hunter2",
      ALERT_EMAIL_TO: "oncall@example.com",
      ALERT_QUIET_HOURS: "late",
      ALERT_TZ: "Mars/Olympus",
    });
    expect(problems.join("\n")).not.toContain("hunter2");
    expect(problems.map((p) => p.split(" ")[0])).toEqual([
      "ALERT_SLACK_WEBHOOK_URL",
      "ALERT_QUIET_HOURS",
      "ALERT_TZ",
      "ALERT_WEBHOOK_URL",
      "ALERT_EMAIL_TO",
    ]);
  });
});

describe("alert channels from PIPEWATCH_ALERTS_FILE", () => {
  it("reads several channels with their own filters", () => {
    const channels = withFile(
      {
        channels: [
          { name: "oncall", type: "slack", url: SLACK, minSeverity: "critical" },
          {
            name: "platform-team",
            type: "webhook",
            url: "https://alerts.example.com/in",
            secret: "0123456789abcdef",
            repositories: ["acme/platform", "acme-infra/*"],
            quietHours: "20:00-08:00",
          },
        ],
      },
      { ALERT_SLACK_WEBHOOK_URL: SLACK },
    )();
    expect(channels.map((c) => [c.name, c.filter])).toEqual([
      ["oncall", { minSeverity: "critical", repositories: [] }],
      [
        "platform-team",
        { minSeverity: "warning", repositories: ["acme/platform", "acme-infra/*"] },
      ],
    ]);
  });

  it("names the bad field without showing its value", () => {
    const bad = withFile({
      channels: [{ name: "x", type: "slack", url: "ftp://hunter2", minSeverity: "loud" }],
    });
    expect(bad).toThrow(/^PIPEWATCH_ALERTS_FILE is invalid: channels\.0\.url: must be an http/);
    expect(bad).toThrow(/channels\.0\.minSeverity/);
    expect(bad).not.toThrow(/hunter2/);
    expect(withFile("{ not json")).toThrow(/is not valid JSON/);
    // The status page says why nothing is sent, in the same words.
    const file = path.join(mkdtempSync(path.join(tmpdir(), "alerts-")), "missing.json");
    expect(configuredAlertChannels(loadConfig({ PIPEWATCH_ALERTS_FILE: file }))).toEqual({
      channels: [],
      problem: `PIPEWATCH_ALERTS_FILE (${file}) cannot be read`,
    });
    expect(withFile({ channels: [{ name: "m", type: "email", to: ["a@example.com"] }] })).toThrow(
      /channel "m" sends e-mail but SMTP_URL is not set/,
    );
  });
});

describe("channel filters", () => {
  it("take a minimum severity and repositories (owner/* for all of an owner's)", () => {
    const filter = { minSeverity: "critical" as const, repositories: ["acme/api", "infra/*"] };
    expect(channelAccepts(filter, "critical", "acme/api")).toBe(true);
    expect(channelAccepts(filter, "warning", "acme/api")).toBe(false);
    expect(channelAccepts(filter, "critical", "acme/web")).toBe(false);
    expect(channelAccepts(filter, "critical", "infra/dns")).toBe(true);
    expect(channelAccepts({ minSeverity: "warning", repositories: [] }, "warning", "x/y")).toBe(
      true,
    );
  });
});
