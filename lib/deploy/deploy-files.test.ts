import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkCompose } from "./compose-checks.ts";
import {
  checkDockerfile,
  checkDockerignore,
  nodeVersionOf,
  parseDockerfile,
  stagesOf,
} from "./dockerfile-checks.ts";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

const dockerfile = read("Dockerfile");
const compose = read("docker-compose.yml");
const nodeVersion = nodeVersionOf(stagesOf(parseDockerfile(dockerfile)).at(-1));

/** `text` with `from` replaced, failing the test when `from` is not there to replace. */
function edit(text: string, from: string | RegExp, to: string): string {
  expect(text).toMatch(from);
  return text.replace(from, to);
}

describe("Dockerfile", () => {
  it("keeps its promises", () => {
    expect(checkDockerfile(dockerfile)).toEqual([]);
    expect(checkDockerignore(read(".dockerignore"))).toEqual([]);
    expect(nodeVersion).toMatch(/^20\.\d+\.\d+$/);
  });

  it.each([
    ["a syntax error", "HEALTHCHECK --interval", "HEALTHCHECK --intervall", "Unknown flag"],
    ["an unpinned base", /@sha256:[0-9a-f]{64}/, "", "is not pinned by digest"],
    ["a missing stage", "AS build", "AS builder", 'expected "deps -> build -> runtime"'],
    ["npm install", "npm ci --ignore-scripts", "npm install", "no `npm ci`"],
    ["no standalone build", /^( +)PIPEWATCH_STANDALONE=1$/m, "$1X=1", "no standalone output"],
    ["root", "USER node", "USER root", "runs as root"],
    ["no health check", "/api/health',", "/',", "no HEALTHCHECK"],
    ["no migrations", "/app/prisma/migrations ./prisma", "/app/prisma ./prisma", "migrations"],
    ["a baked secret", "PORT=3000", "PORT=3000 GITHUB_TOKEN=x", "GITHUB_TOKEN is a secret"],
  ])("fails on %s", (_, from, to, problem) => {
    expect(checkDockerfile(edit(dockerfile, from, to)).join("\n")).toContain(problem);
  });

  it("fails when .dockerignore lets .env files in", () => {
    expect(checkDockerignore(edit(read(".dockerignore"), /^\.env$/m, ""))).toEqual([
      ".dockerignore does not exclude .env",
    ]);
  });
});

describe("docker-compose.yml", () => {
  it("keeps its promises", () => {
    expect(checkCompose(compose)).toEqual([]);
  });

  it.each([
    ["an unpinned database", /(postgres:[\w.-]+)@sha256:[0-9a-f]{64}/, "$1", "not pinned"],
    ["no database health check", "pg_isready", "true", "no pg_isready"],
    ["no wait for a healthy db", "service_healthy", "service_started", "service_healthy"],
    ["no app health check", "3000/api/health", "3000/", "no health check on /api/health"],
    ["a public port", '"127.0.0.1:3000:3000"', '"3000:3000"', "beyond 127.0.0.1"],
    [
      "a password in the file",
      /POSTGRES_PASSWORD: \$\{[^}]*\}/,
      "POSTGRES_PASSWORD: x",
      "required",
    ],
    ["no restart policy", /restart: unless-stopped/, "restart: no", "no restart policy"],
  ])("fails on %s", (_, from, to, problem) => {
    expect(checkCompose(edit(compose, from, to)).join("\n")).toContain(problem);
  });
});

describe("next.config.ts", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("asks for standalone output only in the Docker build", async () => {
    vi.stubEnv("PIPEWATCH_STANDALONE", "");
    expect((await import("@/next.config")).default.output).toBeUndefined();
    vi.resetModules();
    vi.stubEnv("PIPEWATCH_STANDALONE", "1");
    expect((await import("@/next.config")).default.output).toBe("standalone");
  });
});
