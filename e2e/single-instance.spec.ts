// A second Pipewatch on the same data directory must refuse to start, not corrupt the data.
import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";

test("a second instance on the running instance's data directory exits with a clear message", async ({
  request,
}) => {
  const result = spawnSync(process.execPath, ["bin/pipewatch.mjs", "start"], {
    env: {
      ...process.env,
      PORT: "3299",
      DATABASE_URL: "",
      PIPEWATCH_DATA_DIR: process.env.PIPEWATCH_E2E_DATA_DIR,
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(
    /Another Pipewatch \(pid \d+\) is already using the embedded database/,
  );
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
});
