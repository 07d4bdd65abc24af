// The command line as a user meets it: a real process, its exit code and what it prints.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function pipewatch(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["bin/pipewatch.mjs", ...args], {
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      ...env,
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("pipewatch with bad configuration", () => {
  it.each([
    [
      { PORT: "abc" },
      /^pipewatch: PORT must be a whole number from 1 to 65535, got "abc" \(example: PORT=3000\)$/,
    ],
    [
      { DATABASE_URL: "nonsense" },
      /^pipewatch: DATABASE_URL must be a postgresql:\/\/ URL with a host \(example: /,
    ],
    [
      { PIPEWATCH_REPOS: "notarepo" },
      /^pipewatch: PIPEWATCH_REPOS must list owner\/repo or owner\/\* entries; "notarepo" is neither/,
    ],
    [{ HOST: "http://0.0.0.0" }, /^pipewatch: HOST must be a host name or IP address/],
  ])("%o: one clear line, exit code 2", (env, expected) => {
    for (const command of ["start", "demo", "migrate"]) {
      const result = pipewatch([command], env);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      const lines = result.stderr.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(expected);
    }
  });

  it("rejects unknown commands and options with exit code 2", () => {
    expect(pipewatch(["frobnicate"], {}).code).toBe(2);
    const option = pipewatch(["start", "--frobnicate"], {});
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^pipewatch start: Unknown option '--frobnicate'/);
  });
});
