// `pipewatch digest` as a person meets it: a real process on a real database printing a week's
// digest, writing its e-mail's HTML, sending it to a real SMTP server on loopback, and refusing
// a week that is not one.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { type DigestHistory, seedDigestHistory } from "@/lib/digest/digest-testing";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/mail/smtp-testing";

const database = setUpTestDatabase();
const run = promisify(execFile);
let seeded: DigestHistory;
let smtp: TestSmtpServer;

beforeAll(async () => {
  seeded = await seedDigestHistory(database.db);
  smtp = await startTestSmtpServer();
}, 60_000);
afterAll(async () => {
  await smtp.close();
});

/** Exit code, stdout and stderr of `pipewatch digest ...args`. */
async function digest(args: string[], env: Record<string, string> = {}) {
  const environment: NodeJS.ProcessEnv = {
    NODE_ENV: "production",
    PATH: process.env.PATH ?? "",
    DATABASE_URL: database.url,
    PIPEWATCH_PUBLIC_URL: "https://ci.example.com",
    ...env,
  };
  try {
    const out = await run(process.execPath, ["bin/pipewatch.mjs", "digest", ...args], {
      env: environment,
    });
    return { code: 0, ...out };
  } catch (error: unknown) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("pipewatch digest", () => {
  it("prints a week's digest as text, with absolute links", async () => {
    const result = await digest(["--week", "2026-W47"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Pipewatch weekly digest 2026-W47 \(Nov 16 – Nov 22, 2026, UTC\)/,
    );
    expect(result.stdout).toContain("https://ci.example.com/digest/2026-W47");
    expect(result.stdout).toContain(`https://ci.example.com/pipelines/${seeded.ci}`);
    expect(result.stdout).toContain("p50 10m 00s ▲ +100.0% (was 5m 00s)");
  });

  it("writes the e-mail's HTML, and sends the e-mail to DIGEST_TO", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pipewatch-digest-")), "d.html");
    expect((await digest(["--week", "2026-W47", "--html", file])).code).toBe(0);
    const html = readFileSync(file, "utf8");
    expect(html).toMatch(/^<!DOCTYPE html/);
    expect(html).toContain(`https://ci.example.com/pipelines/${seeded.deploy}`);
    const sent = await digest(["--week", "2026-W47", "--send"], {
      SMTP_URL: smtp.url,
      DIGEST_TO: "team@example.com",
      DIGEST_FROM: "CI <ci@example.com>",
    });
    expect(sent.code).toBe(0);
    expect(sent.stderr).toContain("sent the digest 2026-W47 to team@example.com");
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(["team@example.com"]);
    expect(mail?.parsed.from?.text).toBe('"CI" <ci@example.com>');
    expect(mail?.parsed.html).toContain("https://ci.example.com/digest/2026-W47");
  });

  it("with AUTH_SECRET, a sent e-mail links with a fresh digest token; a preview does not", async () => {
    const env = { AUTH_SECRET: "digest-cli-test-secret-0123456789abcdef" };
    const preview = await digest(["--week", "2026-W46"], env);
    expect(preview.stdout).toContain("https://ci.example.com/digest/2026-W46\n");
    expect(await database.db.accessLink.count()).toBe(0);
    const sent = await digest(["--week", "2026-W46", "--send"], {
      ...env,
      SMTP_URL: smtp.url,
      DIGEST_TO: "team@example.com",
    });
    expect(sent.code).toBe(0);
    const mail = (await smtp.waitFor(2))[1];
    const [row] = await database.db.accessLink.findMany();
    expect(row).toMatchObject({ kind: "digest", scope: "2026-W46" });
    expect(String(mail?.parsed.text)).toMatch(
      new RegExp(
        `https://ci\\.example\\.com/digest/2026-W46\\?token=pwl1\\.digest\\.${row?.id}\\.`,
      ),
    );
  });

  it("refuses a week that is not one, and --send without SMTP_URL, with exit code 2", async () => {
    const bad = await digest(["--week", "2026-W54"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /--week must be an ISO week such as 2026-W47, or latest, got "2026-W54"/,
    );
    const unsent = await digest(["--send"]);
    expect(unsent.code).toBe(2);
    expect(unsent.stderr).toMatch(/cannot send the digest: SMTP_URL is not set/);
  });
});
