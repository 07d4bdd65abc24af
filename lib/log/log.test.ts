import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loadLogSettings } from "@/lib/config";
import { createLogger } from "./log.ts";
import { REDACTED } from "./redact.ts";

const TOKEN = "ghp_SecretToken0123456789abcdef";
const SMTP_PASSWORD = "smtp-pass-w0rd!";
const KEY_LINE = "MIIEowIBAAKCAQEAsecretkeybody0123456789";
const ENV = {
  NODE_ENV: "production",
  LOG_LEVEL: "debug",
  GITHUB_TOKEN: TOKEN,
  SMTP_URL: `smtps://mailer:${encodeURIComponent(SMTP_PASSWORD)}@smtp.example.com:465`,
  GITHUB_APP_PRIVATE_KEY: `-----BEGIN RSA PRIVATE KEY-----\\n${KEY_LINE}\\n-----END RSA PRIVATE KEY-----`,
  ALERT_SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/T0001/B0002/slackSecretPart",
};

function capture(env: Record<string, string>) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const logger = createLogger(loadLogSettings(env), stream);
  return {
    logger,
    lines,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe("createLogger", () => {
  it("writes one JSON object per line in production, with level, time, message and fields", () => {
    const { logger, records } = capture(ENV);
    logger.info({ repo: "acme/api", runId: 42, durationMs: 1234 }, "synced");
    const [record] = records();
    expect(record).toMatchObject({
      level: "info",
      name: "pipewatch",
      msg: "synced",
      repo: "acme/api",
      runId: 42,
      durationMs: 1234,
    });
    expect(new Date(String(record?.time)).toISOString()).toBe(record?.time);
  });

  it("masks a secret in a message, a field and an error's message and stack", () => {
    const { logger, lines } = capture(ENV);
    logger.warn(`calling GitHub with ${TOKEN}`);
    logger.info({ url: ENV.SMTP_URL, password: SMTP_PASSWORD, hook: ENV.ALERT_SLACK_WEBHOOK_URL });
    logger.error({ err: new Error(`bad credentials ${TOKEN} and key ${KEY_LINE}`) }, "sync failed");
    const output = lines.join("\n");
    for (const secret of [TOKEN, SMTP_PASSWORD, encodeURIComponent(SMTP_PASSWORD), KEY_LINE])
      expect(output).not.toContain(secret);
    expect(output).not.toContain("slackSecretPart");
    expect(output.split(REDACTED).length - 1).toBeGreaterThanOrEqual(6);
    // Still valid JSON after masking.
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("honours LOG_LEVEL", () => {
    const { logger, lines } = capture({ ...ENV, LOG_LEVEL: "warn" });
    logger.info("hidden");
    logger.warn("shown");
    expect(lines).toHaveLength(1);
  });
});

describe("loadLogSettings", () => {
  it("reads production mode from NODE_ENV and falls back to info on a bad LOG_LEVEL", () => {
    expect(loadLogSettings({ NODE_ENV: "development", LOG_LEVEL: "loud" })).toEqual({
      level: "info",
      production: false,
      secrets: [],
    });
    expect(loadLogSettings(ENV).secrets).toContain(TOKEN);
  });
});
