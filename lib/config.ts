// The one place that reads Pipewatch's configuration from the environment.
//
// Every variable is declared once in VARIABLES with its schema, its documentation and an
// example; .env.example and the README's table are checked against this list by a test.
// A bad value yields one line naming the variable, what was wrong and a good example;
// secret values are never echoed back.
import "server-only";
import { UserError } from "@/lib/errors";
import { type AccessSettings, readAccessSettings } from "./access/settings.ts";
import type { QuietHours } from "./alerts/config-values.ts";
import type { RepoSelector } from "./config-values.ts";
import { VARIABLES, type Variable } from "./config-variables.ts";

export { loadEnvFiles } from "./config-files.ts";
export { parseRepoSelector, type RepoSelector } from "./config-values.ts";
export { VARIABLES } from "./config-variables.ts";

/** Environment variables, as in process.env. */
export type Environment = Record<string, string | undefined>;

export type VariableName = keyof typeof VARIABLES;

export type GitHubAppConfig = {
  appId: number;
  privateKey?: string;
  privateKeyPath?: string;
  installationId?: number;
};

/** The ALERT_* variables and PIPEWATCH_ALERTS_FILE, read into channels by lib/alerts/channels.ts. */
export type AlertSettings = {
  slackWebhookUrl: string | undefined;
  webhookUrl: string | undefined;
  webhookSecret: string | undefined;
  emailTo: string[] | undefined;
  emailFrom: string;
  minSeverity: "warning" | "critical";
  quietHours: QuietHours | undefined;
  timeZone: string;
  file: string | undefined;
};

export type Config = {
  databaseUrl: string | undefined;
  /** As given (relative paths are relative to the working directory). */
  dataDir: string;
  port: number;
  host: string;
  githubApiUrl: string;
  githubToken: string | undefined;
  githubApp: GitHubAppConfig | undefined;
  webhookSecret: string | undefined;
  /** Signs sessions and read-only links (lib/access); required when access control is on. */
  authSecret: string | undefined;
  /** Who may sign in (lib/access); off unless a password or GitHub sign-in is configured. */
  access: AccessSettings;
  /** Where people open Pipewatch, without a trailing slash (for links in e-mails and alerts). */
  publicUrl: string;
  smtpUrl: string | undefined;
  /** GitHub's web origin (sign-in with GitHub), allowed by the CSP's form-action. */
  githubWebUrl: string;
  /** Origins that may frame Pipewatch (CSP frame-ancestors); empty: none. */
  frameAncestors: string[];
  /** NODE_ENV=production (`next start`, the image); otherwise development or tests. */
  production: boolean;
  alerts: AlertSettings;
  /** The weekly digest (lib/digest): recipients (none: not sent), sender, schedule, zone. */
  digest: { to: string[]; from: string; cron: string; timeZone: string };
  backfillDays: number;
  pollIntervalSeconds: number;
  /** Runs older than this many days are pruned (lib/retention); null: kept forever. */
  retentionDays: number | null;
  worker: boolean;
  testReportPattern: RegExp;
  includeDynamicWorkflows: boolean;
  repos: RepoSelector[];
  /** DATABASE_URL is the embedded PGlite served by our parent process. */
  embeddedDatabase: boolean;
  /** The `pipewatch start` process that runs this web server, if any. */
  supervisorPid: number | undefined;
  debug: boolean;
  /** Started by `npm run ...` (or `npm start`): stop when npm is gone. */
  underNpm: boolean;
};

/** Thrown for invalid configuration; `problems` holds one human-readable line per bad variable. */
export class ConfigError extends UserError {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"), 2);
  }
}

function describeProblem(name: VariableName, raw: string, problem: string): string {
  const variable: Variable = VARIABLES[name];
  const got = variable.secret || variable.quiet ? "" : `, got ${JSON.stringify(raw)}`;
  return `${name} ${problem}${got} (example: ${name}=${variable.example})`;
}

function readVariable(
  name: VariableName,
  env: Environment,
  problems: string[],
): unknown | undefined {
  const variable: Variable = VARIABLES[name];
  const given = env[name]?.trim();
  const raw = given === undefined || given === "" ? variable.default : given;
  if (raw === undefined) return undefined;
  const result = variable.schema.safeParse(raw);
  if (result.success) return result.data;
  const problem = result.error.issues[0]?.message ?? "is invalid";
  problems.push(describeProblem(name, raw, problem));
  return undefined;
}

/** The GitHub App settings when GITHUB_APP_ID is set (incomplete ones are a problem). */
function readGitHubApp(
  read: (name: VariableName) => unknown,
  problems: string[],
): Config["githubApp"] {
  const id = read("GITHUB_APP_ID") as string | undefined;
  const key = read("GITHUB_APP_PRIVATE_KEY") as string | undefined;
  const keyPath = read("GITHUB_APP_PRIVATE_KEY_PATH") as string | undefined;
  const installationId = read("GITHUB_APP_INSTALLATION_ID") as number | undefined;
  if (id === undefined) return undefined;
  if (key === undefined && keyPath === undefined) {
    problems.push(
      "GITHUB_APP_ID is set but neither GITHUB_APP_PRIVATE_KEY nor GITHUB_APP_PRIVATE_KEY_PATH is (example: GITHUB_APP_PRIVATE_KEY_PATH=/etc/pipewatch/app.pem)",
    );
    return undefined;
  }
  const privateKey = key?.replace(/\\n/g, "\n");
  return { appId: Number(id), privateKey, privateKeyPath: keyPath, installationId };
}

function readAlertSettings(
  read: (name: VariableName) => unknown,
  problems: string[],
): AlertSettings {
  const settings: AlertSettings = {
    slackWebhookUrl: read("ALERT_SLACK_WEBHOOK_URL") as string | undefined,
    webhookUrl: read("ALERT_WEBHOOK_URL") as string | undefined,
    webhookSecret: read("ALERT_WEBHOOK_SECRET") as string | undefined,
    emailTo: read("ALERT_EMAIL_TO") as string[] | undefined,
    emailFrom: (read("ALERT_EMAIL_FROM") as string | undefined) ?? "",
    minSeverity: (read("ALERT_MIN_SEVERITY") as AlertSettings["minSeverity"]) ?? "warning",
    quietHours: read("ALERT_QUIET_HOURS") as QuietHours | undefined,
    timeZone: (read("ALERT_TZ") as string | undefined) ?? "UTC",
    file: read("PIPEWATCH_ALERTS_FILE") as string | undefined,
  };
  if (settings.webhookUrl && !settings.webhookSecret)
    problems.push(
      "ALERT_WEBHOOK_URL is set but ALERT_WEBHOOK_SECRET is not: the receiver could not tell our requests from forged ones (example: ALERT_WEBHOOK_SECRET=a-long-random-string)",
    );
  return settings;
}

function readRetention(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}

/** Reads and validates the configuration; throws ConfigError listing every bad variable. */
export function loadConfig(env: Environment = process.env): Config {
  const problems: string[] = [];
  const read = (name: VariableName) => readVariable(name, env, problems);
  const values = {
    databaseUrl: read("DATABASE_URL") as string | undefined,
    dataDir: (read("PIPEWATCH_DATA_DIR") as string | undefined) ?? ".pipewatch",
    port: read("PORT") as number,
    host: read("HOST") as string,
    githubApiUrl: (read("GITHUB_API_URL") as string | undefined)?.replace(/\/+$/, "") ?? "",
    githubToken: read("GITHUB_TOKEN") as string | undefined,
    githubApp: readGitHubApp(read, problems),
    webhookSecret: read("GITHUB_WEBHOOK_SECRET") as string | undefined,
    authSecret: read("AUTH_SECRET") as string | undefined,
    publicUrl: "",
    smtpUrl: read("SMTP_URL") as string | undefined,
    githubWebUrl: (read("PIPEWATCH_GITHUB_WEB_URL") as string | undefined) ?? "https://github.com",
    frameAncestors: (read("PIPEWATCH_FRAME_ANCESTORS") as string[] | undefined) ?? [],
    production: env.NODE_ENV === "production",
    alerts: readAlertSettings(read, problems),
    digest: {
      to: (read("DIGEST_TO") as string[] | undefined) ?? [],
      from: read("DIGEST_FROM") as string,
      cron: read("DIGEST_CRON") as string,
      timeZone: read("DIGEST_TZ") as string,
    },
    backfillDays: read("PIPEWATCH_BACKFILL_DAYS") as number,
    pollIntervalSeconds: read("PIPEWATCH_POLL_INTERVAL") as number,
    retentionDays: readRetention(read("PIPEWATCH_RETENTION_DAYS")),
    worker: read("PIPEWATCH_WORKER") !== "off",
    testReportPattern: new RegExp(
      (read("PIPEWATCH_TEST_REPORT_PATTERN") as string | undefined) ??
        "junit|test-results|test-report",
      "i",
    ),
    repos: (read("PIPEWATCH_REPOS") as RepoSelector[] | undefined) ?? [],
    includeDynamicWorkflows: read("PIPEWATCH_INCLUDE_DYNAMIC_WORKFLOWS") === "1",
    embeddedDatabase: read("PIPEWATCH_EMBEDDED_DB") === "1",
    supervisorPid: read("PIPEWATCH_SUPERVISOR_PID") as number | undefined,
    debug: read("PIPEWATCH_DEBUG") === "1",
    underNpm: read("npm_lifecycle_event") !== undefined,
  };
  const access = readAccessSettings(
    read,
    { apiUrl: values.githubApiUrl, authSecret: values.authSecret },
    problems,
  );
  if (values.alerts.emailTo && !values.smtpUrl)
    problems.push(
      "ALERT_EMAIL_TO is set but SMTP_URL is not: alert e-mails need an SMTP server (example: SMTP_URL=smtps://pipewatch:secret@smtp.example.com:465)",
    );
  if (values.retentionDays !== null && values.retentionDays < values.backfillDays)
    problems.push(
      `PIPEWATCH_RETENTION_DAYS (${values.retentionDays}) is shorter than PIPEWATCH_BACKFILL_DAYS (${values.backfillDays}): the sync would fetch runs that retention then deletes (example: PIPEWATCH_RETENTION_DAYS=400)`,
    );
  if (problems.length > 0) throw new ConfigError(problems);
  const publicUrl = read("PIPEWATCH_PUBLIC_URL") as string | undefined;
  const local = values.host.includes(":") ? `[${values.host}]` : values.host;
  values.publicUrl = (publicUrl ?? `http://${local}:${values.port}`).replace(/\/+$/, "");
  return { ...values, access };
}

/** The environment for a child process of Pipewatch: ours, plus `overrides`. */
export function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

export type LogSettings = { level: string; production: boolean; secrets: string[] };

/**
 * What the logger needs, read without failing (it must work to report a bad configuration):
 * LOG_LEVEL (info when invalid), production mode, and the values of every secret variable.
 */
export function loadLogSettings(env: Environment = process.env): LogSettings {
  const level = VARIABLES.LOG_LEVEL.schema.safeParse(env.LOG_LEVEL?.trim());
  const names = Object.keys(VARIABLES) as VariableName[];
  const secrets = names
    .filter((name) => (VARIABLES[name] as Variable).secret)
    .map((name) => env[name]?.trim() ?? "")
    .filter((value) => value !== "");
  return {
    level: level.success ? level.data : "info",
    production: env.NODE_ENV === "production",
    secrets,
  };
}

let cached: Config | undefined;

/** The process's configuration, read once. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}
