#!/usr/bin/env node
// `npx pipewatch <command>`: loads Pipewatch's TypeScript through tsx and runs bin/cli.ts.
import "./register.mjs";

const { main } = await import("./cli.ts");
process.exitCode = await main(process.argv.slice(2));
