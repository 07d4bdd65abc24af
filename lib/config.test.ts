import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  type Environment,
  loadConfig,
  parseRepoSelector,
  VARIABLES,
} from "./config.ts";

function problemsOf(env: Environment): string[] {
  try {
    loadConfig(env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadConfig", () => {
  it("has working defaults for everything", () => {
    expect(loadConfig({})).toEqual({
      databaseUrl: undefined,
      dataDir: "./.pipewatch",
      port: 3000,
      host: "127.0.0.1",
      githubApiUrl: "https://api.github.com",
      githubToken: undefined,
      githubApp: undefined,
      webhookSecret: undefined,
      access: { enabled: false, password: undefined, github: undefined, metricsToken: undefined },
      publicUrl: "http://127.0.0.1:3000",
      smtpUrl: undefined,
      githubWebUrl: "https://github.com",
      frameAncestors: [],
      production: false,
      alerts: {
        slackWebhookUrl: undefined,
        webhookUrl: undefined,
        webhookSecret: undefined,
        emailTo: undefined,
        emailFrom: "Pipewatch <pipewatch@localhost>",
        minSeverity: "warning",
        quietHours: undefined,
        timeZone: "UTC",
        file: undefined,
      },
      digest: {
        to: [],
        from: "Pipewatch <pipewatch@localhost>",
        cron: "0 8 * * 1",
        timeZone: "UTC",
      },
      backfillDays: 30,
      pollIntervalSeconds: 60,
      retentionDays: 400,
      worker: true,
      testReportPattern: /junit|test-results|test-report/i,
      includeDynamicWorkflows: false,
      repos: [],
      embeddedDatabase: false,
      supervisorPid: undefined,
      debug: false,
      underNpm: false,
    });
  });

  it("reads the digest's recipients, sender, schedule and time zone, refusing bad ones", () => {
    const digest = (to: string, from: string, cron: string, timeZone: string) =>
      loadConfig({ DIGEST_TO: to, DIGEST_FROM: from, DIGEST_CRON: cron, DIGEST_TZ: timeZone });
    const config = digest(
      " a@example.com, b@example.com ",
      "CI <ci@example.com>",
      "30 7 * * 1-5",
      "Europe/Paris",
    );
    expect(config.digest).toEqual({
      to: ["a@example.com", "b@example.com"],
      from: "CI <ci@example.com>",
      cron: "30 7 * * 1-5",
      timeZone: "Europe/Paris",
    });
    let problems: string[] = [];
    try {
      digest("team@example.com,nobody", "CI <ci>", "0 25 * * 1", "Mars/Olympus");
    } catch (error: unknown) {
      problems = error instanceof ConfigError ? error.problems : [];
    }
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^DIGEST_TO must list e-mail addresses; "nobody" is not one/);
    expect(problems[1]).toMatch(/^DIGEST_FROM must be an e-mail address/);
    expect(problems[2]).toMatch(/^DIGEST_CRON must be a cron expression: hour "25"/);
    expect(problems[3]).toMatch(/^DIGEST_TZ must be an IANA time zone/);
  });

  it("links to the public address without a trailing slash, and checks the SMTP URL", () => {
    const config = loadConfig({
      PIPEWATCH_PUBLIC_URL: "https://ci.example.com/pipewatch/",
      SMTP_URL: "smtps://u:p@smtp.example.com:465",
    });
    expect(config.publicUrl).toBe("https://ci.example.com/pipewatch");
    expect(config.smtpUrl).toBe("smtps://u:p@smtp.example.com:465");
    expect(loadConfig({ HOST: "::1", PORT: "4000" }).publicUrl).toBe("http://[::1]:4000");
    expect(() => loadConfig({ SMTP_URL: "http://u:hunter2@mail" })).toThrow(
      /^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL with a host \(example/,
    );
    expect(() => loadConfig({ SMTP_URL: "http://u:hunter2@mail" })).not.toThrow(/hunter2/);
  });

  it("reads GitHub App settings and refuses an App id without a key", () => {
    const app = loadConfig({
      GITHUB_APP_ID: "42",
      GITHUB_APP_PRIVATE_KEY:
        "-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----",
      GITHUB_APP_INSTALLATION_ID: "7",
    }).githubApp;
    expect(app).toEqual({
      appId: 42,
      privateKey: "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----",
      privateKeyPath: undefined,
      installationId: 7,
    });
    expect(() => loadConfig({ GITHUB_APP_ID: "42" })).toThrow(/GITHUB_APP_PRIVATE_KEY/);
    expect(() => loadConfig({ PIPEWATCH_TEST_REPORT_PATTERN: "(" })).toThrow(
      /PIPEWATCH_TEST_REPORT_PATTERN must be a regular expression/,
    );
    expect(() => loadConfig({ PIPEWATCH_POLL_INTERVAL: "1" })).toThrow(/PIPEWATCH_POLL_INTERVAL/);
  });

  it("reads every variable, treating empty values as unset", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u:p@db:5432/pipewatch",
      PIPEWATCH_DATA_DIR: "/var/lib/pipewatch",
      PORT: "8080",
      HOST: "0.0.0.0",
      GITHUB_API_URL: "https://ghe.example.com/api/v3/",
      GITHUB_TOKEN: "ghp_x",
      PIPEWATCH_REPOS: " acme/api , acme-infra/* ,",
      PIPEWATCH_EMBEDDED_DB: "",
    });
    expect(config).toMatchObject({
      databaseUrl: "postgres://u:p@db:5432/pipewatch",
      port: 8080,
      host: "0.0.0.0",
      githubApiUrl: "https://ghe.example.com/api/v3",
      repos: [
        { owner: "acme", repo: "api" },
        { owner: "acme-infra", repo: "*" },
      ],
      embeddedDatabase: false,
    });
  });

  it("gives one line per bad variable, naming it and showing a good example", () => {
    expect(problemsOf({ PORT: "abc" })).toEqual([
      'PORT must be a whole number from 1 to 65535, got "abc" (example: PORT=3000)',
    ]);
    expect(
      problemsOf({ PORT: "70000", PIPEWATCH_REPOS: "notarepo", GITHUB_API_URL: "api.github.com" }),
    ).toEqual([
      'PORT must be a whole number from 1 to 65535, got "70000" (example: PORT=3000)',
      'GITHUB_API_URL must be an http:// or https:// URL, got "api.github.com" (example: GITHUB_API_URL=https://api.github.com)',
      'PIPEWATCH_REPOS must list owner/repo or owner/* entries; "notarepo" is neither (example: PIPEWATCH_REPOS=acme/api,acme/web,acme-infra/*)',
    ]);
  });

  it("reads retention (off: null), refusing one shorter than the backfill", () => {
    expect(loadConfig({ PIPEWATCH_RETENTION_DAYS: "off" }).retentionDays).toBeNull();
    expect(loadConfig({ PIPEWATCH_RETENTION_DAYS: "90" }).retentionDays).toBe(90);
    expect(() =>
      loadConfig({ PIPEWATCH_RETENTION_DAYS: "60", PIPEWATCH_BACKFILL_DAYS: "90" }),
    ).toThrow(/PIPEWATCH_RETENTION_DAYS \(60\) is shorter than PIPEWATCH_BACKFILL_DAYS \(90\)/);
    expect(() => loadConfig({ PIPEWATCH_RETENTION_DAYS: "7" })).toThrow(/from 30 to 36500/);
  });

  it("reads GitHub's web origin and the origins that may frame Pipewatch", () => {
    const config = loadConfig({
      PIPEWATCH_GITHUB_WEB_URL: "https://github.example.com",
      PIPEWATCH_FRAME_ANCESTORS: " https://a.example.com/x  https://b.example.com ",
    });
    expect(config.githubWebUrl).toBe("https://github.example.com");
    expect(config.frameAncestors).toEqual(["https://a.example.com", "https://b.example.com"]);
    expect(() => loadConfig({ PIPEWATCH_FRAME_ANCESTORS: "'self' javascript:x" })).toThrow(
      /PIPEWATCH_FRAME_ANCESTORS must be http/,
    );
  });

  it("never echoes secret values", () => {
    const problems = problemsOf({
      DATABASE_URL: "mysql://root:hunter2@db/x",
      GITHUB_TOKEN: "has space hunter2",
    });
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).not.toContain("hunter2");
    expect(problems[0]).toMatch(/^DATABASE_URL must be a postgresql:\/\/ URL/);
  });
});

describe("parseRepoSelector", () => {
  it.each([
    ["acme/api", { owner: "acme", repo: "api" }],
    ["acme/*", { owner: "acme", repo: "*" }],
    ["a-b/c.d_e-f", { owner: "a-b", repo: "c.d_e-f" }],
  ])("accepts %s", (entry, expected) => {
    expect(parseRepoSelector(entry)).toEqual(expected);
  });

  it.each([
    "acme",
    "acme/api/x",
    "-acme/api",
    "acme-/api",
    "ac--me/api",
    "acme/..",
    "acme/a b",
    "/api",
    "acme/",
  ])("rejects %s", (entry) => {
    expect(parseRepoSelector(entry)).toBeNull();
  });
});

describe(".env.example", () => {
  it("documents every user-facing variable with its description and example", () => {
    const example = readFileSync(path.join(process.cwd(), ".env.example"), "utf8");
    for (const [name, variable] of Object.entries(VARIABLES)) {
      const internal = "internal" in variable && variable.internal;
      if (internal) {
        expect(example).not.toContain(name);
        continue;
      }
      expect(example).toContain(`# ${variable.doc}`);
      const value = "default" in variable ? variable.default : variable.example;
      expect(example).toContain(`# ${name}=${value}`);
    }
  });
});

describe("README", () => {
  it("lists every user-facing variable in its configuration table", () => {
    const readme = readFileSync(path.join(process.cwd(), "README.md"), "utf8");
    for (const [name, variable] of Object.entries(VARIABLES)) {
      const internal = "internal" in variable && variable.internal;
      const row = new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, "m");
      expect(row.test(readme), name).toBe(!internal);
    }
  });
});
