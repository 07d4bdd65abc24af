// Lets Node run Pipewatch's TypeScript directly: `node --import ./bin/register.mjs file.ts`.
// Used by bin/pipewatch.mjs and by tests that start helper processes.
import { register } from "node:module";
import { fileURLToPath } from "node:url";
import { register as registerTypeScript } from "tsx/esm/api";

// `server-only` guards server modules inside Next's bundles; on the command line every module is
// server-side, so it resolves to an empty module here.
const serverOnlyHook = `
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(serverOnlyHook)}`);
// Pipewatch's own tsconfig (for its `@/` paths), wherever the command is run from.
registerTypeScript({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
