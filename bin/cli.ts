// `pipewatch <command>`: finds the command, runs it, and turns errors into one line and an
// exit code (0 ok, 1 failure, 2 bad usage or configuration). Commands live in bin/commands.
import { describeError, UserError } from "@/lib/errors";

type Command = { summary: string; load: () => Promise<(args: string[]) => Promise<number>> };

const COMMANDS: Record<string, Command> = {
  demo: {
    summary: "build if needed, then run Pipewatch on its embedded database",
    load: async () => (await import("./commands/serve.ts")).demo,
  },
  start: {
    summary: "run the production server (embedded database unless DATABASE_URL is set)",
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
  return `Usage: pipewatch <command> [options]\n\nCommands:\n${lines.join("\n")}\n\nConfiguration is read from the environment; see .env.example.`;
}

/** Runs the command named by argv[0]; resolves with the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`pipewatch: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const run = await command.load();
    return await run(args);
  } catch (error: unknown) {
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`pipewatch ${name}: ${describeError(error)}`);
      return 2;
    }
    if (error instanceof UserError) {
      for (const line of error.message.split("\n")) console.error(`pipewatch: ${line}`);
      return error.exitCode;
    }
    console.error(`pipewatch: ${describeError(error)}`);
    if (process.env.PIPEWATCH_DEBUG) console.error(error);
    return 1;
  }
}
