// Vitest: unit tests (*.test.ts, pure code, beside it) and integration tests (*.int.test.ts,
// against a real PostgreSQL: TEST_DATABASE_URL when set, otherwise an embedded PGlite).
import path from "node:path";
import { defineConfig, type Plugin } from "vitest/config";

/** `server-only` guards Next's client bundles; in tests every module is server-side. */
const serverOnly: Plugin = {
  name: "server-only",
  enforce: "pre",
  resolveId: (id) => (id === "server-only" ? "\0server-only" : null),
  load: (id) => (id === "\0server-only" ? "export {};" : null),
};

/** next-auth imports "next/server" without an extension, which only a bundler resolves. */
const server = { deps: { inline: ["next-auth"] } };

const shared = {
  plugins: [serverOnly],
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: "unit",
          server,
          include: ["{lib,components,app,bin}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        ...shared,
        test: {
          name: "integration",
          server,
          include: ["{lib,app,bin}/**/*.int.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
