// The command line as a user meets it: a real process, its exit code and what it prints.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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

describe("pipewatch with a .env file", () => {
  it("validates what .env holds like the environment: one line, exit code 2", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pipewatch-dotenv-"));
    try {
      writeFileSync(path.join(dir, ".env"), "PIPEWATCH_REPOS=notarepo\n");
      const result = spawnSync(process.execPath, [path.resolve("bin/pipewatch.mjs"), "start"], {
        cwd: dir,
        env: { NODE_ENV: "production", PATH: process.env.PATH ?? "" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(2);
      expect(result.stderr.trimEnd().split("\n")).toEqual([
        'pipewatch: PIPEWATCH_REPOS must list owner/repo or owner/* entries; "notarepo" is neither (example: PIPEWATCH_REPOS=acme/api,acme/web,acme-infra/*)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("pipewatch migrate on the embedded database", () => {
  it("keeps what it stored across runs: the second run finds the schema up to date", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "pipewatch-restart-"));
    try {
      const first = pipewatch(["migrate"], { PIPEWATCH_DATA_DIR: dataDir });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/Applied migration \d+_init/);
      const second = pipewatch(["migrate"], { PIPEWATCH_DATA_DIR: dataDir });
      expect(second.code).toBe(0);
      expect(second.stdout).toMatch(/Database schema is up to date/);
      expect(second.stdout).not.toMatch(/Applied migration/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("pipewatch on an address other machines reach", () => {
  it("refuses to start without access control, before anything slow, naming what to set", () => {
    for (const command of ["start", "demo", "dev"]) {
      const result = pipewatch([command], { HOST: "0.0.0.0" });
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split("\n")).toEqual([
        expect.stringMatching(
          /^pipewatch: HOST=0\.0\.0\.0 makes Pipewatch reachable from other machines, but access control is off\. Set PIPEWATCH_PASSWORD and AUTH_SECRET/,
        ),
      ]);
    }
  });

  it("needs AUTH_SECRET with a password", () => {
    const result = pipewatch(["start"], { HOST: "0.0.0.0", PIPEWATCH_PASSWORD: "correct horse" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^pipewatch: Access control is on .* AUTH_SECRET is not set/);
  });
});

describe("pipewatch hash-password", () => {
  it("prints a hash that PIPEWATCH_PASSWORD accepts in place of the password", () => {
    const result = spawnSync(process.execPath, ["bin/pipewatch.mjs", "hash-password"], {
      env: { NODE_ENV: "production", PATH: process.env.PATH ?? "" },
      input: "correct horse battery\n",
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    const hash = result.stdout.trim();
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(result.stdout + result.stderr).not.toContain("correct horse");
    const start = pipewatch(["start"], { HOST: "0.0.0.0", PIPEWATCH_PASSWORD: hash });
    // Accepted: the only complaint left is the missing AUTH_SECRET.
    expect(start.stderr).toMatch(/^pipewatch: Access control is on .* AUTH_SECRET is not set/);
  });
});
