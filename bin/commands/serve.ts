// pipewatch demo | start | dev | build
import { parseArgs } from "node:util";
import { exposureProblem } from "@/lib/access/settings";
import { type Config, loadConfig } from "@/lib/config";
import { UserError } from "@/lib/errors";
import { buildApp, launchApp } from "@/lib/launch/app";

const log = (line: string) => console.log(`pipewatch: ${line}`);

/** The configuration of a web server; refused before anything slow when it would be exposed. */
function serverConfig(): Config {
  const config = loadConfig();
  const problem = exposureProblem(config.host, config.access);
  if (problem) throw new UserError(problem, 2);
  return config;
}

function noArguments(args: string[]): void {
  parseArgs({ args, options: {}, strict: true });
}

/**
 * `npm run demo`: the whole product on its embedded defaults, built first when needed, syncing
 * the simulator's demo organisation.
 */
export async function demo(args: string[]): Promise<number> {
  noArguments(args);
  const config = serverConfig();
  return launchApp(config, { mode: "start", buildIfStale: true, log, demoGitHub: true });
}

/** `npm start`: the production server. */
export async function start(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { build: { type: "boolean" } }, strict: true });
  const config = serverConfig();
  return launchApp(config, { mode: "start", buildIfStale: values.build === true, log });
}

/** `npm run dev`: Next's development server on the same database set-up. */
export async function dev(args: string[]): Promise<number> {
  noArguments(args);
  const config = serverConfig();
  return launchApp(config, { mode: "dev", buildIfStale: false, log });
}

/** `npm run build`. */
export async function build(args: string[]): Promise<number> {
  noArguments(args);
  await buildApp();
  return 0;
}
