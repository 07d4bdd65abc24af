// The one place that reads Pipewatch's configuration from the environment.
//
// Every variable is declared once in VARIABLES with its schema, its documentation and an
// example; .env.example and the README's table are checked against this list by a test.
// A bad value yields one line naming the variable, what was wrong and a good example;
// secret values are never echoed back.
import "server-only";
import nextEnv from "@next/env";
import { z } from "zod";
import { UserError } from "@/lib/errors";

/** Environment variables, as in process.env. */
export type Environment = Record<string, string | undefined>;

/** `owner/repo` or `owner/*`, as accepted in PIPEWATCH_REPOS. */
export type RepoSelector = { owner: string; repo: string | "*" };

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/** Parses one `owner/repo` or `owner/*` entry; returns null when it is not one. */
export function parseRepoSelector(entry: string): RepoSelector | null {
  const parts = entry.trim().split("/");
  if (parts.length !== 2) return null;
  const [owner = "", repo = ""] = parts;
  if (!OWNER.test(owner)) return null;
  if (repo !== "*" && (!REPO.test(repo) || repo === "." || repo === "..")) return null;
  return { owner, repo };
}

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    // A Unix-socket URL names its directory in ?host= instead (postgresql:///db?host=/run/postgresql).
    const host = url.hostname !== "" || url.searchParams.has("host");
    return (url.protocol === "postgresql:" || url.protocol === "postgres:") && host;
  } catch {
    return false;
  }
}, "must be a postgresql:// URL with a host");

const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}, "must be an http:// or https:// URL");

const port = z
  .string()
  .regex(/^\d+$/, "must be a whole number from 1 to 65535")
  .transform(Number)
  .refine((n) => n >= 1 && n <= 65535, "must be a whole number from 1 to 65535");

const host = z
  .string()
  .regex(/^[A-Za-z0-9.:[\]-]+$/, "must be a host name or IP address, without scheme or port");

const repos = z.string().transform((value, ctx) => {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const selectors: RepoSelector[] = [];
  for (const entry of entries) {
    const selector = parseRepoSelector(entry);
    if (!selector) {
      ctx.addIssue({
        code: "custom",
        message: `must list owner/repo or owner/* entries; "${entry}" is neither`,
      });
      return z.NEVER;
    }
    selectors.push(selector);
  }
  return selectors;
});

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
  PIPEWATCH_REPOS: {
    schema: repos,
    doc: "Repositories to watch, comma-separated: owner/repo, or owner/* for all of an owner's non-archived repositories.",
    example: "acme/api,acme/web,acme-infra/*",
    default: "",
    quiet: true,
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

export type Config = {
  databaseUrl: string | undefined;
  /** As given (relative paths are relative to the working directory). */
  dataDir: string;
  port: number;
  host: string;
  githubApiUrl: string;
  githubToken: string | undefined;
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
    repos: (read("PIPEWATCH_REPOS") as RepoSelector[] | undefined) ?? [],
    embeddedDatabase: read("PIPEWATCH_EMBEDDED_DB") === "1",
    supervisorPid: read("PIPEWATCH_SUPERVISOR_PID") as number | undefined,
    debug: read("PIPEWATCH_DEBUG") === "1",
    underNpm: read("npm_lifecycle_event") !== undefined,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return values;
}

/**
 * Loads `.env`, `.env.local` and `.env.<mode>[.local]` from `dir` into the environment, exactly
 * as Next.js does for the web server (variables already set win), so that the command line
 * validates and uses the same configuration as the server it starts.
 */
export function loadEnvFiles(dir: string, mode: "development" | "production"): string[] {
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(dir, mode === "development", {
    info: () => undefined,
    error: () => undefined,
  });
  return loadedEnvFiles.map((file) => file.path);
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
