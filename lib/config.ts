// The one place that reads Pipewatch's configuration from the environment.
//
// Every variable is declared once in VARIABLES with its schema, its documentation and an
// example; .env.example and the README's table are checked against this list by a test.
// A bad value yields one line naming the variable, what was wrong and a good example;
// secret values are never echoed back.
import "server-only";
import { z } from "zod";
import { UserError } from "@/lib/errors";
import {
  host,
  httpUrl,
  port,
  positiveInteger,
  postgresUrl,
  type RepoSelector,
  regularExpression,
  repos,
} from "./config-values.ts";

export { loadEnvFiles } from "./config-files.ts";
export { parseRepoSelector, type RepoSelector } from "./config-values.ts";

/** Environment variables, as in process.env. */
export type Environment = Record<string, string | undefined>;

type Variable = {
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
  PIPEWATCH_REPOS: {
    schema: repos,
    doc: "Repositories to watch, comma-separated: owner/repo, or owner/* for all of an owner's non-archived repositories.",
    example: "acme/api,acme/web,acme-infra/*",
    default: "",
    quiet: true,
  },
  PIPEWATCH_BACKFILL_DAYS: {
    schema: positiveInteger(1, 400, "days"),
    doc: "How far back the first sync of a repository goes, in days.",
    example: "30",
    default: "30",
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
  PIPEWATCH_DEBUG: {
    schema: z.enum(["0", "1"]),
    doc: "Set to 1 to print the stack trace of an unexpected error on the command line.",
    example: "1",
    default: "0",
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

export type VariableName = keyof typeof VARIABLES;

export type GitHubAppConfig = {
  appId: number;
  privateKey?: string;
  privateKeyPath?: string;
  installationId?: number;
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
  backfillDays: number;
  pollIntervalSeconds: number;
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
    backfillDays: read("PIPEWATCH_BACKFILL_DAYS") as number,
    pollIntervalSeconds: read("PIPEWATCH_POLL_INTERVAL") as number,
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
  if (problems.length > 0) throw new ConfigError(problems);
  return values;
}

/** The environment for a child process of Pipewatch: ours, plus `overrides`. */
export function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

let cached: Config | undefined;

/** The process's configuration, read once. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}
