// Access control off (the default, on 127.0.0.1): nothing to sign in to, and a server started
// directly (`next start`, as the Docker image does) on another address refuses to run.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";

test("with access control off, pages and the API are open and there is no sign-in", async ({
  request,
}) => {
  expect((await request.get("/api/v1/pipelines")).status()).toBe(200);
  expect((await request.get("/api/auth/session")).status()).toBe(404);
  const signIn = await request.get("/sign-in?callbackUrl=%2Fstatus", { maxRedirects: 0 });
  expect(signIn.status()).toBe(307);
  expect(signIn.headers().location).toMatch(/\/status$/);
});

test("a server started directly on 0.0.0.0 without access control exits 2, naming what to set", () => {
  const result = spawnSync(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "--hostname", "127.0.0.1", "--port", "0"],
    {
      env: { ...process.env, NODE_ENV: "production", HOST: "0.0.0.0", DATABASE_URL: "" },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(
    /pipewatch: HOST=0\.0\.0\.0 makes Pipewatch reachable from other machines, but access control is off\. Set PIPEWATCH_PASSWORD and AUTH_SECRET/,
  );
});
