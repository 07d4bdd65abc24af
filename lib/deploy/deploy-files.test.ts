import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkCompose, parseCompose } from "./compose-checks.ts";
import {
  checkDockerfile,
  checkDockerignore,
  nodeVersionOf,
  parseDockerfile,
  stagesOf,
} from "./dockerfile-checks.ts";
import { checkWorkflow, parseWorkflow } from "./workflow-checks.ts";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

const dockerfile = read("Dockerfile");
const compose = read("docker-compose.yml");
const ci = read(".github/workflows/ci.yml");
const testScript = (JSON.parse(read("package.json")) as { scripts: { test: string } }).scripts.test;
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
    ["a missing stage", "AS build", "AS builder", 'expected "base -> deps -> build -> runtime"'],
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
    [
      "no password",
      /PIPEWATCH_PASSWORD: \$\{[^}]*\}/,
      "PIPEWATCH_PASSWORD: ''",
      "PIPEWATCH_PASSWORD",
    ],
    ["AUTH_SECRET optional", /AUTH_SECRET: \$\{[^}]*\}/, "AUTH_SECRET: changeme", "AUTH_SECRET"],
    ["PORT left to .env", /\n +PORT: "3000"/, "", "PORT is not set"],
    ["a port to nowhere", '"127.0.0.1:3000:3000"', '"127.0.0.1:3000:8080"', "does not forward"],
    ["no restart policy", /restart: unless-stopped/, "restart: no", "no restart policy"],
  ])("fails on %s", (_, from, to, problem) => {
    expect(checkCompose(edit(compose, from, to)).join("\n")).toContain(problem);
  });

  it("runs the same PostgreSQL as CI's integration tests", () => {
    const services = Object.values(parseWorkflow(ci).jobs).flatMap((job) =>
      Object.values(job.services ?? {}),
    );
    expect(services.map((service) => service.image)).toEqual([
      parseCompose(compose).services.db?.image,
    ]);
  });
});

describe(".github/workflows/ci.yml", () => {
  it("runs npm test's steps in order, pinned, cached and least-privileged", () => {
    expect(checkWorkflow(ci, testScript, nodeVersion)).toEqual([]);
  });

  it.each([
    ["a step of npm test missing", "npm run test:unit", "npm run test:units", "no job runs"],
    ["a stage not waiting", "needs: integration", "needs: lint", "does not wait for job"],
    ["an action pinned by tag", /checkout@[0-9a-f]{40}/, "checkout@v7", "not pinned by commit SHA"],
    ["no npm cache", "cache: npm", "cache: ''", "without cache: npm"],
    ["another Node", /NODE_VERSION: "[\d.]+"/, 'NODE_VERSION: "22.0.0"', "the image has"],
    ["write permissions", "contents: read", "contents: write", "more than CI needs"],
    ["no timeout", /timeout-minutes: 10\n/, "\n", "no timeout-minutes"],
    ["no database health check", '--health-cmd "pg_isready', '--health-cm "x', "no health check"],
    [
      "an unpinned linter image",
      /(hadolint:v[\d.]+)@sha256:[0-9a-f]{64}/,
      "$1",
      "not pinned by digest",
    ],
    ["no artifacts on failure", "- if: failure()\n        uses", "- uses", "not uploaded"],
  ])("fails on %s", (_, from, to, problem) => {
    expect(checkWorkflow(edit(ci, from, to), testScript, nodeVersion).join("\n")).toContain(
      problem,
    );
  });

  it("fails when npm test gains a step CI does not run", () => {
    expect(checkWorkflow(ci, `${testScript} && npm run test:load`, nodeVersion)).toContain(
      "no job runs `npm run test:load`",
    );
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
