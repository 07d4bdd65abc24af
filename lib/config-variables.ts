// Every environment variable Pipewatch reads, with its schema, documentation and example
// (lib/config.ts reads them; .env.example and the README's table are checked against this list).
import { z } from "zod";
import { ACCESS_VARIABLES } from "./access/config-variables.ts";
import { quietHours, severity } from "./alerts/config-values.ts";
import {
  cronExpression,
  emailList,
  host,
  httpUrl,
  mailbox,
  origins,
  port,
  positiveInteger,
  postgresUrl,
  regularExpression,
  repos,
  smtpUrl,
  timeZone,
} from "./config-values.ts";

export type Variable = {
  schema: z.ZodType;
  /** What the variable does, for .env.example and the README. */
  doc: string;
  example: string;
  default?: string;
  /** Never echo the value (tokens, URLs that may hold passwords). */
  secret?: boolean;
  /** The problem message already quotes the offending part; don't repeat the value. */
  quiet?: boolean;
  /** Set by Pipewatch for its own child processes; not for users, so not in .env.example. */
  internal?: boolean;
};

/** Every environment variable Pipewatch reads. */
export const VARIABLES = {
  DATABASE_URL: {
    schema: postgresUrl,
    doc: "PostgreSQL connection URL. Unset: an embedded PostgreSQL (PGlite) in PIPEWATCH_DATA_DIR/db.",
    example: "postgresql://pipewatch:secret@localhost:5432/pipewatch",
    secret: true,
  },
  PIPEWATCH_DATA_DIR: {
    schema: z.string().min(1),
    doc: "Directory for Pipewatch's local data (the embedded database lives in its db/ folder).",
    example: "/var/lib/pipewatch",
    default: "./.pipewatch",
  },
  PORT: {
    schema: port,
    doc: "HTTP port of the web app.",
    example: "3000",
    default: "3000",
  },
  HOST: {
    schema: host,
    doc: "Address the web app listens on. 127.0.0.1 keeps it private to this machine.",
    example: "127.0.0.1",
    default: "127.0.0.1",
  },
  GITHUB_API_URL: {
    schema: httpUrl,
    doc: "GitHub REST API base URL: api.github.com, GitHub Enterprise Server (https://HOST/api/v3) or the simulator.",
    example: "https://api.github.com",
    default: "https://api.github.com",
  },
  GITHUB_TOKEN: {
    schema: z.string().regex(/^\S+$/, "must be a token without spaces"),
    doc: "GitHub token with read access to Actions (fine-grained: Actions, Deployments, Metadata: read).",
    example: "github_pat_11ABC...",
    secret: true,
  },
  GITHUB_APP_ID: {
    schema: z.string().regex(/^\d+$/, "must be the App's numeric id"),
    doc: "Authenticate as a GitHub App instead of a token: the App's id (with GITHUB_APP_PRIVATE_KEY or _PATH).",
    example: "123456",
  },
  GITHUB_APP_PRIVATE_KEY: {
    schema: z.string().refine((v) => v.includes("PRIVATE KEY"), "must be a PEM private key"),
    doc: "The GitHub App's private key (PEM; \\n escapes allowed). Or GITHUB_APP_PRIVATE_KEY_PATH.",
    example: "-----BEGIN RSA PRIVATE KEY-----\\n...",
    secret: true,
  },
  GITHUB_APP_PRIVATE_KEY_PATH: {
    schema: z.string().min(1),
    doc: "Path of a file holding the GitHub App's private key (PEM).",
    example: "/etc/pipewatch/app.pem",
  },
  GITHUB_APP_INSTALLATION_ID: {
    schema: z.string().regex(/^\d+$/, "must be a numeric installation id").transform(Number),
    doc: "The App installation to act as. Unset: the installation on each repository's owner, looked up.",
    example: "7654321",
  },
  GITHUB_WEBHOOK_SECRET: {
    schema: z.string().min(8, "must be at least 8 characters"),
    doc: "Secret of the GitHub webhook sending workflow_run and workflow_job events to /api/webhooks/github. Unset: webhooks are refused.",
    example: "a-long-random-string",
    secret: true,
  },
  ...ACCESS_VARIABLES,
  PIPEWATCH_REPOS: {
    schema: repos,
    doc: "Repositories to watch, comma-separated: owner/repo, or owner/* for all of an owner's non-archived repositories.",
    example: "acme/api,acme/web,acme-infra/*",
    default: "",
    quiet: true,
  },
  PIPEWATCH_PUBLIC_URL: {
    schema: httpUrl,
    doc: "The address people open Pipewatch at, for links in e-mails and alerts. Unset: http://HOST:PORT.",
    example: "https://pipewatch.example.com",
  },
  PIPEWATCH_FRAME_ANCESTORS: {
    schema: origins,
    doc: "Origins allowed to show Pipewatch in a frame (a TV wall inside another dashboard), space-separated. Unset: none.",
    example: "https://dashboards.example.com",
  },
  SMTP_URL: {
    schema: smtpUrl,
    doc: "SMTP server for the weekly digest and e-mail alerts (smtps:// for TLS; user:password@ allowed). Unset: no e-mail.",
    example: "smtps://pipewatch:secret@smtp.example.com:465",
    secret: true,
  },
  DIGEST_TO: {
    schema: emailList,
    doc: "Recipients of the weekly digest, comma-separated. Unset (or SMTP_URL unset): no digest e-mail.",
    example: "team@example.com,lead@example.com",
    quiet: true,
  },
  DIGEST_FROM: {
    schema: mailbox,
    doc: "Sender of the weekly digest.",
    example: "Pipewatch <pipewatch@example.com>",
    default: "Pipewatch <pipewatch@localhost>",
  },
  DIGEST_CRON: {
    schema: cronExpression,
    doc: "When the worker sends the weekly digest (minute hour day month weekday, in DIGEST_TZ): Monday 08:00.",
    example: "0 8 * * 1",
    default: "0 8 * * 1",
  },
  DIGEST_TZ: {
    schema: timeZone,
    doc: "Time zone of the digest's weeks and of DIGEST_CRON (IANA name).",
    example: "Europe/Paris",
    default: "UTC",
  },
  PIPEWATCH_BACKFILL_DAYS: {
    schema: positiveInteger(1, 400, "days"),
    doc: "How far back the first sync of a repository goes, in days.",
    example: "30",
    default: "30",
  },
  PIPEWATCH_RETENTION_DAYS: {
    schema: z.union([z.literal("off"), positiveInteger(30, 36500, "days")]),
    doc: "Runs older than this many days are deleted daily, with everything recorded about them. off: keep everything.",
    example: "400",
    default: "400",
  },
  PIPEWATCH_POLL_INTERVAL: {
    schema: positiveInteger(10, 86400, "seconds"),
    doc: "Seconds between two syncs of a repository (with jitter; longer after errors).",
    example: "60",
    default: "60",
  },
  PIPEWATCH_WORKER: {
    schema: z.enum(["on", "off"]),
    doc: "off: the web app does not poll GitHub itself (run `npx pipewatch worker` separately).",
    example: "off",
    default: "on",
  },
  PIPEWATCH_TEST_REPORT_PATTERN: {
    schema: regularExpression,
    doc: "Artifacts whose names match this regular expression (case-insensitive) are read as JUnit test reports.",
    example: "junit|test-results|test-report",
    default: "junit|test-results|test-report",
  },
  PIPEWATCH_INCLUDE_DYNAMIC_WORKFLOWS: {
    schema: z.enum(["0", "1"]),
    doc: "Set to 1 to also sync GitHub's generated workflows (Dependabot, CodeQL, Copilot: dynamic/...).",
    example: "1",
    default: "0",
  },
  PIPEWATCH_EMBEDDED_DB: {
    schema: z.enum(["0", "1"]),
    doc: "Set to 1 by `pipewatch start` when DATABASE_URL points at the embedded database it serves.",
    example: "1",
    default: "0",
    internal: true,
  },
  LOG_LEVEL: {
    schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
    doc: "Lowest level the server's logs show: fatal, error, warn, info, debug, trace or silent. JSON lines under NODE_ENV=production, readable lines otherwise.",
    example: "debug",
    default: "info",
  },
  PIPEWATCH_DEBUG: {
    schema: z.enum(["0", "1"]),
    doc: "Set to 1 to print the stack trace of an unexpected error on the command line.",
    example: "1",
    default: "0",
  },
  ALERT_SLACK_WEBHOOK_URL: {
    schema: httpUrl,
    doc: "Slack incoming webhook for flag alerts (opened, worsened, resolved). A secret: never logged or shown.",
    example: "https://hooks.slack.com/services/T000/B000/XXXX",
    secret: true,
  },
  ALERT_WEBHOOK_URL: {
    schema: httpUrl,
    doc: "Generic JSON webhook for flag alerts, signed with ALERT_WEBHOOK_SECRET (X-Pipewatch-Signature).",
    example: "https://alerts.example.com/pipewatch",
    secret: true,
  },
  ALERT_WEBHOOK_SECRET: {
    schema: z.string().min(16, "must be at least 16 characters"),
    doc: "Secret of the HMAC-SHA256 signature of ALERT_WEBHOOK_URL's requests (required with it).",
    example: "a-long-random-string",
    secret: true,
  },
  ALERT_EMAIL_TO: {
    schema: emailList,
    doc: "E-mail addresses for flag alerts, comma-separated (sent over SMTP_URL).",
    example: "oncall@example.com,ci@example.com",
  },
  ALERT_EMAIL_FROM: {
    schema: z.string().min(3),
    doc: "Sender of the alert e-mails.",
    example: "Pipewatch <pipewatch@example.com>",
    default: "Pipewatch <pipewatch@localhost>",
  },
  ALERT_MIN_SEVERITY: {
    schema: severity,
    doc: "Lowest severity the ALERT_* channels are told about: warning or critical.",
    example: "warning",
    default: "warning",
  },
  ALERT_QUIET_HOURS: {
    schema: quietHours,
    doc: "Hours without alerts, in ALERT_TZ: alerts wait and go out when they end. Unset: none.",
    example: "22:00-07:00",
  },
  ALERT_TZ: {
    schema: timeZone,
    doc: "Time zone of ALERT_QUIET_HOURS (an IANA name).",
    example: "Europe/Berlin",
    default: "UTC",
  },
  PIPEWATCH_ALERTS_FILE: {
    schema: z.string().min(1),
    doc: "JSON file of alert channels with their own filters (see the README); replaces the ALERT_* channels.",
    example: "/etc/pipewatch/alerts.json",
  },
  npm_lifecycle_event: {
    schema: z.string(),
    doc: "Set by npm for `npm run <script>`: Pipewatch then stops when npm does.",
    example: "demo",
    internal: true,
  },
  PIPEWATCH_SUPERVISOR_PID: {
    schema: z.string().regex(/^\d+$/, "must be a process id").transform(Number),
    doc: "Set by `pipewatch start` for the web server it runs, which exits when that process is gone.",
    example: "12345",
    internal: true,
  },
} satisfies Record<string, Variable>;
