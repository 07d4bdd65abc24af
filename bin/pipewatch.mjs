#!/usr/bin/env node
// `npx pipewatch <command>`: loads Pipewatch's TypeScript through tsx and runs bin/cli.ts.
import { register } from "node:module";
import { register as registerTypeScript } from "tsx/esm/api";

// `server-only` guards server modules inside Next's bundles; on the command line every module is
// server-side, so it resolves to an empty module here.
const serverOnlyHook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(serverOnlyHook)}`);
registerTypeScript();

const { main } = await import("./cli.ts");
process.exitCode = await main(process.argv.slice(2));
