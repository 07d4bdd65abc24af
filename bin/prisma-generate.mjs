#!/usr/bin/env node
// Runs `prisma generate` (npm's postinstall and `npm run db:generate`).
//
// The Prisma CLI downloads its native schema engine on start even though `generate` never uses
// it, so offline installs fail. When no engine is configured we point PRISMA_SCHEMA_ENGINE_BINARY
// at an executable that exists (node itself): generate succeeds, and nothing ever runs it.
// Migrations are applied by Pipewatch's own runner (lib/db/migrate.ts), not by this engine.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
env.CHECKPOINT_DISABLE ??= "1";

const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate", ...process.argv.slice(2)], {
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
