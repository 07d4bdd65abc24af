import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config";
import { exposureProblem, isLoopback } from "./settings.ts";

const SECRET = "s".repeat(32);

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("access settings", () => {
  it("is off by default, on with a password or with GitHub sign-in", () => {
    expect(loadConfig({}).access.enabled).toBe(false);
    const withPassword = loadConfig({ PIPEWATCH_PASSWORD: "correct horse", AUTH_SECRET: SECRET });
    expect(withPassword.access).toMatchObject({ enabled: true, password: "correct horse" });
    const github = loadConfig({
      AUTH_GITHUB_ID: "Iv1.abc",
      AUTH_GITHUB_SECRET: "shhh-secret",
      PIPEWATCH_GITHUB_TEAMS: "acme/platform, acme-infra/sre",
      PIPEWATCH_GITHUB_WEB_URL: "https://ghe.example.com/",
      GITHUB_API_URL: "https://ghe.example.com/api/v3",
      AUTH_SECRET: SECRET,
    }).access;
    expect(github.enabled).toBe(true);
    expect(github.github).toEqual({
      clientId: "Iv1.abc",
      clientSecret: "shhh-secret",
      webUrl: "https://ghe.example.com",
      apiUrl: "https://ghe.example.com/api/v3",
      orgs: [],
      teams: [
        { org: "acme", slug: "platform" },
        { org: "acme-infra", slug: "sre" },
      ],
    });
  });

  it("needs AUTH_SECRET when on", () => {
    expect(problemsOf({ PIPEWATCH_PASSWORD: "correct horse" })).toEqual([
      expect.stringMatching(/^Access control is on .* AUTH_SECRET is not set/),
    ]);
  });

  it("refuses GitHub sign-in that would admit any GitHub account, or is half configured", () => {
    const env = {
      AUTH_GITHUB_ID: "Iv1.abc",
      AUTH_GITHUB_SECRET: "shhh-secret",
      AUTH_SECRET: SECRET,
    };
    expect(problemsOf(env)).toEqual([expect.stringMatching(/^GitHub sign-in needs all of/)]);
    expect(problemsOf({ PIPEWATCH_GITHUB_ORGS: "acme", AUTH_SECRET: SECRET })).toHaveLength(1);
    expect(problemsOf({ ...env, PIPEWATCH_GITHUB_TEAMS: "acme" })).toEqual([
      expect.stringContaining('"acme" is not org/team-slug'),
    ]);
  });

  it("validates the password without echoing it", () => {
    const problems = problemsOf({ PIPEWATCH_PASSWORD: "hunter2", AUTH_SECRET: SECRET });
    expect(problems).toEqual([expect.stringMatching(/^PIPEWATCH_PASSWORD must be at least 8/)]);
    expect(problems.join("\n")).not.toContain("hunter2");
    expect(problemsOf({ PIPEWATCH_PASSWORD: "scrypt$nonsense", AUTH_SECRET: SECRET })).toHaveLength(
      1,
    );
  });
});

describe("exposureProblem", () => {
  const off = loadConfig({}).access;
  const on = loadConfig({ PIPEWATCH_PASSWORD: "correct horse", AUTH_SECRET: SECRET }).access;

  it("lets loopback run without access control", () => {
    for (const host of ["127.0.0.1", "::1", "localhost", "LOCALHOST"]) {
      expect(isLoopback(host)).toBe(true);
      expect(exposureProblem(host, off)).toBeUndefined();
    }
  });

  it("refuses any other address without access control, naming what to set", () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "pipewatch.example.com"]) {
      expect(exposureProblem(host, off)).toMatch(/PIPEWATCH_PASSWORD and AUTH_SECRET/);
      expect(exposureProblem(host, on)).toBeUndefined();
    }
  });
});
