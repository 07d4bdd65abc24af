// `pipewatch <command>`: finds the command, runs it, and turns errors into one line and an
// exit code (0 ok, 1 failure, 2 bad usage or configuration). Commands live in bin/commands.
import { getConfig, loadEnvFiles } from "@/lib/config";
import { describeError, UserError } from "@/lib/errors";

type Command = {
  summary: string;
  /** Options, one per line, for `pipewatch help <command>`. */
  options?: string[];
  load: () => Promise<(args: string[]) => Promise<number>>;
};

const COMMANDS: Record<string, Command> = {
  demo: {
    summary: "build if needed, then run Pipewatch on its embedded database",
    load: async () => (await import("./commands/serve.ts")).demo,
  },
  start: {
    summary: "run the production server (embedded database unless DATABASE_URL is set)",
    options: ["--build   build first when there is no build or the sources changed"],
    load: async () => (await import("./commands/serve.ts")).start,
  },
  dev: {
    summary: "run the development server with hot reload",
    load: async () => (await import("./commands/serve.ts")).dev,
  },
  build: {
    summary: "build the web app for production",
    load: async () => (await import("./commands/serve.ts")).build,
  },
  sim: {
    summary: "serve the GitHub Actions API simulator (scenarios, live traffic)",
    options: [
      "--port N         port (default 4010; 0 picks a free one)",
      "--host H         address (default 127.0.0.1)",
      "--scenario S     demo (default), large, busy, or one of the demo's parts: healthy, slow, flaky, cache-broken, deploy-skipped, deploy-stalled, push-too-fast, disabled-schedule, scheduled",
      "--seed N         random seed (default 42): the same seed gives the same history",
      "--days N         days of history (default 30)",
      "--speed X        simulated seconds per real second (default 1; 0 freezes time)",
      "--now ISO        the simulated time at start (default: now)",
      "--token T        accept only this token, and the App's installation tokens (others get 401)",
      "--budget N       requests per hour per token (default 5000)",
      "--webhook-url U  POST signed workflow_run/workflow_job webhooks to U as time passes",
      "--webhook-secret S  the secret for X-Hub-Signature-256",
      "--app-id N       accept the GitHub App N (its JWTs; installation tokens it is issued)",
      "--app-public-key-file F  the App's public key, PEM (its private key file works too)",
      "--app-installation ID:ACCOUNT  an installation of the App (repeatable), e.g. 1:acme",
      "--faults SPEC    inject faults, e.g. '*:5xx=0.1,jobs:hang=0.02,runs:badjson=0.02,logs:truncate=0.05,*:secondary=0.01,exhaust-after=500'",
    ],
    load: async () => (await import("./commands/sim.ts")).sim,
  },
  sync: {
    summary: "sync the configured repositories from GitHub once (--once) and exit",
    options: [
      "--once           one pass over every repository (required)",
      "--repo O/N       only this repository (or O/* for an owner's)",
      "--since DATE     read runs created since DATE (default: the backfill, PIPEWATCH_BACKFILL_DAYS)",
    ],
    load: async () => (await import("./commands/sync.ts")).sync,
  },
  prune: {
    summary:
      "delete the history older than PIPEWATCH_RETENTION_DAYS now (the worker does it daily)",
    options: ["--days N         keep N days instead of PIPEWATCH_RETENTION_DAYS"],
    load: async () => (await import("./commands/prune.ts")).prune,
  },
  worker: {
    summary: "sync the configured repositories forever (every PIPEWATCH_POLL_INTERVAL seconds)",
    load: async () => (await import("./commands/sync.ts")).worker,
  },
  report: {
    summary: "print every pipeline's metrics as JSON (the body of GET /api/v1/pipelines)",
    options: [
      "--json           required: the report is JSON, on stdout alone",
      "--window W       24h, 7d, 30d (default), ... up to 400d",
      "--branch B       a branch, or * for all (default: each repository's default branch)",
      "--repo O/N       one repository",
    ],
    load: async () => (await import("./commands/report.ts")).report,
  },
  digest: {
    summary: "print one week's digest as text, write its e-mail's HTML, or send it (DIGEST_TO)",
    options: [
      "--week W         an ISO week such as 2026-W47, or latest (default: the last complete week)",
      "--send           send it now to DIGEST_TO over SMTP_URL",
      "--html FILE      write the e-mail's HTML to FILE",
    ],
    load: async () => (await import("./commands/digest.ts")).digest,
  },
  check: {
    summary:
      "print the open flags; exit 1 when one is critical, 3 when unreadable, else 0 (for CI and cron)",
    options: [
      "--repo O/N       one repository",
      "--json           the open flags as JSON (the body of GET /api/v1/flags) instead of lines",
    ],
    load: async () => (await import("./commands/check.ts")).check,
  },
  pipeline: {
    summary:
      "list the pipelines' settings, or change one pipeline's (then its flags are re-evaluated)",
    options: [
      "--repo O/N             the repository",
      "--workflow W           the workflow: its id, name or file name",
      "--slow-threshold T     flag it slow above T: 15m, 90s, 1h30m, or default (10m)",
      "--deploy yes|no|auto   whether it deploys (auto: detect from names and deployments)",
      "--deploy-job NAME      its deploy job (auto: detect)",
    ],
    load: async () => (await import("./commands/pipeline.ts")).pipeline,
  },
  "hash-password": {
    summary: "print the hash of the password on standard input, for PIPEWATCH_PASSWORD",
    load: async () => (await import("./commands/hash-password.ts")).hashPasswordCommand,
  },
  link: {
    summary: "read-only links: create a TV link (prints its address), list them, revoke one",
    options: [
      "create tv        a new TV link; prints PIPEWATCH_PUBLIC_URL/tv?token=... (needs AUTH_SECRET)",
      "  --expires D    how long it works: 90d (default), 12h, 8w",
      '  --label L      where it is used, e.g. "Corridor TV"',
      "list             every link: id, kind, state, expiry, last use (never the token)",
      "revoke ID        end a link now (the TV and digest e-mails' links alike)",
    ],
    load: async () => (await import("./commands/link.ts")).link,
  },
  migrate: {
    summary: "apply pending database migrations and exit",
    load: async () => (await import("./commands/migrate.ts")).migrateCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return [
    "Usage: pipewatch <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "`pipewatch help <command>` shows a command's options.",
    "Configuration is read from the environment and .env files; see .env.example.",
  ].join("\n");
}

function commandUsage(name: string, command: Command): string {
  const options = command.options?.map((line) => `  ${line}`) ?? ["  (none)"];
  return [
    `Usage: pipewatch ${name} [options]`,
    "",
    command.summary,
    "",
    "Options:",
    ...options,
  ].join("\n");
}

function fail(error: unknown, command: string | undefined): number {
  const code = (error as { code?: string }).code;
  if (code?.startsWith("ERR_PARSE_ARGS")) {
    const what = describeError(error).replace(/\. To specify .*$/, "");
    console.error(`pipewatch ${command}: ${what} (see \`pipewatch help ${command}\`)`);
    return 2;
  }
  if (error instanceof UserError) {
    for (const line of error.message.split("\n")) console.error(`pipewatch: ${line}`);
    return error.exitCode;
  }
  console.error(`pipewatch: ${describeError(error)}`);
  try {
    if (getConfig().debug) console.error(error);
    else console.error("pipewatch: (set PIPEWATCH_DEBUG=1 for the details)");
  } catch {
    // configuration itself is broken: the message above is all there is
  }
  return 1;
}

/** Runs the command named by argv[0]; resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (name === "help") {
    const topic = args[0] ? COMMANDS[args[0]] : undefined;
    if (args[0] && !topic) {
      console.error(`pipewatch: unknown command "${args[0]}"\n\n${usage()}`);
      return 2;
    }
    console.log(topic && args[0] ? commandUsage(args[0], topic) : usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`pipewatch: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    console.log(commandUsage(name, command));
    return 0;
  }
  try {
    loadEnvFiles(process.cwd(), name === "dev" ? "development" : "production");
    const run = await command.load();
    return await run(args);
  } catch (error: unknown) {
    return fail(error, name);
  }
}
