// The alert channels: from PIPEWATCH_ALERTS_FILE (several, each with its own filters and quiet
// hours) or else from the ALERT_* variables (at most one Slack, one webhook and one e-mail
// channel, named "slack", "webhook" and "email"). A bad file is one clear error naming the
// channel and field; URLs and secrets never appear in it.
import "server-only";
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { AlertSettings, Config } from "@/lib/config";
import { emailList, parseRepoSelector, timeZone } from "@/lib/config-values";
import { UserError } from "@/lib/errors";
import { type QuietHours, quietHours, severity } from "./config-values.ts";

export type Severity = "warning" | "critical";

/** Which flag events a channel is told about. */
export type ChannelFilter = {
  minSeverity: Severity;
  /** `owner/repo` or `owner/*`; empty: every repository. */
  repositories: string[];
};

type ChannelBase = {
  /** Its name in the database and on the status page (never its URL). */
  name: string;
  filter: ChannelFilter;
  quietHours: QuietHours | undefined;
  timeZone: string;
};

export type AlertChannel = ChannelBase &
  (
    | { type: "slack"; url: string }
    | { type: "webhook"; url: string; secret: string }
    | { type: "email"; to: string[]; from: string; smtpUrl: string }
  );

export type ChannelType = AlertChannel["type"];

const repository = z
  .string()
  .refine((value) => parseRepoSelector(value) !== null, "must be owner/repo or owner/*");

const url = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

const common = {
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "must be lower-case letters, digits, - or _"),
  minSeverity: severity.default("warning"),
  repositories: z.array(repository).default([]),
  quietHours: quietHours.optional(),
  timeZone: timeZone.default("UTC"),
};

const fileChannel = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("slack"), url, ...common }),
  z.strictObject({
    type: z.literal("webhook"),
    url,
    secret: z.string().min(16, "must be at least 16 characters"),
    ...common,
  }),
  z.strictObject({
    type: z.literal("email"),
    to: z.union([z.array(z.email()).min(1), emailList]),
    from: z.string().min(3).optional(),
    ...common,
  }),
]);

const alertsFile = z.strictObject({ channels: z.array(fileChannel) });

/** One line per problem, naming where it is: `channels[1].url: must be ...` (never the value). */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join(".") || "(file)"}: ${issue.message}`)
    .join("; ");
}

/** The channels of a parsed alerts file; throws a UserError naming the bad field. */
export function parseAlertsFile(json: unknown, settings: AlertSettings, smtpUrl?: string) {
  const parsed = alertsFile.safeParse(json);
  if (!parsed.success)
    throw new UserError(`PIPEWATCH_ALERTS_FILE is invalid: ${describeIssues(parsed.error)}`, 2);
  const names = new Set<string>();
  return parsed.data.channels.map((c): AlertChannel => {
    if (names.has(c.name))
      throw new UserError(`PIPEWATCH_ALERTS_FILE names two channels "${c.name}"`, 2);
    names.add(c.name);
    const base = {
      name: c.name,
      filter: { minSeverity: c.minSeverity, repositories: c.repositories },
      quietHours: c.quietHours,
      timeZone: c.timeZone,
    };
    if (c.type === "slack") return { ...base, type: "slack", url: c.url };
    if (c.type === "webhook") return { ...base, type: "webhook", url: c.url, secret: c.secret };
    if (!smtpUrl)
      throw new UserError(
        `PIPEWATCH_ALERTS_FILE: channel "${c.name}" sends e-mail but SMTP_URL is not set`,
        2,
      );
    return { ...base, type: "email", to: c.to, from: c.from ?? settings.emailFrom, smtpUrl };
  });
}

/** The channels of the ALERT_* variables. */
export function channelsFromSettings(settings: AlertSettings, smtpUrl?: string): AlertChannel[] {
  const base = {
    filter: { minSeverity: settings.minSeverity, repositories: [] },
    quietHours: settings.quietHours,
    timeZone: settings.timeZone,
  };
  const channels: AlertChannel[] = [];
  if (settings.slackWebhookUrl)
    channels.push({ ...base, name: "slack", type: "slack", url: settings.slackWebhookUrl });
  if (settings.webhookUrl && settings.webhookSecret)
    channels.push({
      ...base,
      name: "webhook",
      type: "webhook",
      url: settings.webhookUrl,
      secret: settings.webhookSecret,
    });
  if (settings.emailTo && smtpUrl)
    channels.push({
      ...base,
      name: "email",
      type: "email",
      to: settings.emailTo,
      from: settings.emailFrom,
      smtpUrl,
    });
  return channels;
}

/** The configured channels (the file's when PIPEWATCH_ALERTS_FILE is set). */
export function loadAlertChannels(config: Pick<Config, "alerts" | "smtpUrl">): AlertChannel[] {
  const file = config.alerts.file;
  if (!file) return channelsFromSettings(config.alerts, config.smtpUrl);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error: unknown) {
    const why = error instanceof SyntaxError ? "is not valid JSON" : "cannot be read";
    throw new UserError(`PIPEWATCH_ALERTS_FILE (${file}) ${why}`, 2);
  }
  return parseAlertsFile(json, config.alerts, config.smtpUrl);
}

/** Whether a channel wants an event of this severity about this repository. */
export function channelAccepts(filter: ChannelFilter, severity: Severity, repo: string): boolean {
  if (filter.minSeverity === "critical" && severity !== "critical") return false;
  if (filter.repositories.length === 0) return true;
  const [owner] = repo.split("/");
  return filter.repositories.some((r) => r === repo || r === `${owner}/*`);
}

/** The channels for the status page, or why there are none: the alerts file is bad (the worker stops on it). */
export function configuredAlertChannels(config: Pick<Config, "alerts" | "smtpUrl">): {
  channels: AlertChannel[];
  problem: string | null;
} {
  try {
    return { channels: loadAlertChannels(config), problem: null };
  } catch (error: unknown) {
    return { channels: [], problem: error instanceof UserError ? error.message : "cannot be read" };
  }
}
