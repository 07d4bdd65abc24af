// `pipewatch link` as an operator meets it: a real process on a real database. The address it
// prints opens the TV wall; `list` never shows a token; `revoke` ends the link at once.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { verifyAccessLink } from "@/lib/access/links-store";
import { deriveLinkKey } from "@/lib/access/links-token";
import { setUpTestDatabase } from "@/lib/db/test-hooks";

const SECRET = "link-cli-test-secret-0123456789abcdef";
const PUBLIC_URL = "https://pipewatch.example.com";
const database = setUpTestDatabase();

function pipewatch(args: string[], env: Record<string, string> = { AUTH_SECRET: SECRET }) {
  const result = spawnSync(process.execPath, ["bin/pipewatch.mjs", "link", ...args], {
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATABASE_URL: database.url,
      PIPEWATCH_PUBLIC_URL: PUBLIC_URL,
      ...env,
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("pipewatch link", () => {
  let id = "";
  let token = "";

  it("refuses to create a link without AUTH_SECRET, saying so, and stores nothing", async () => {
    const result = pipewatch(["create", "tv"], {});
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^pipewatch: read-only links need AUTH_SECRET/);
    expect(await database.db.accessLink.count()).toBe(0);
  });

  it("creates a TV link and prints its address, whose token opens the wall only", async () => {
    const before = Date.now();
    const result = pipewatch(["create", "tv", "--expires", "30d", "--label", "Corridor TV"]);
    expect(result.code).toBe(0);
    const url = new URL(result.stdout.trim());
    expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC_URL}/tv`);
    token = url.searchParams.get("token") ?? "";
    const link = await verifyAccessLink(database.db, deriveLinkKey(SECRET), token);
    expect(link?.kind).toBe("tv");
    id = link?.id ?? "";
    expect(result.stderr).toContain(`pipewatch link revoke ${id}`);
    expect(link?.allows("GET", "/tv")).toBe(true);
    expect(link?.allows("GET", "/api/v1/runs")).toBe(false);
    const row = await database.db.accessLink.findUniqueOrThrow({ where: { id } });
    expect(row.label).toBe("Corridor TV");
    const days = (row.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
  });

  it("lists the links with their state and label, never their token", () => {
    const result = pipewatch(["list"], {});
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^${id}  tv      active   expires \\S+ \\S+ UTC  last used \\S+`),
    );
    expect(lines[0]).toContain('"Corridor TV"');
    const signature = token.split(".").at(-1) ?? "";
    expect(result.stdout + result.stderr).not.toContain(signature);
  });

  it("revokes a link: its token is refused at once, and list says revoked", async () => {
    const result = pipewatch(["revoke", id], {});
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`pipewatch: link ${id} revoked\n`);
    expect(await verifyAccessLink(database.db, deriveLinkKey(SECRET), token)).toBeNull();
    expect(pipewatch(["list"], {}).stdout).toMatch(new RegExp(`^${id}  tv      revoked `));
    expect(pipewatch(["revoke", id], {}).stderr).toMatch(/was already revoked/);
  });

  it("answers bad usage with exit code 2 and an unknown id with 1", () => {
    expect(pipewatch(["revoke", "ffffffffffffffff"], {})).toMatchObject({ code: 1 });
    for (const args of [
      ["revoke", "not-an-id"],
      ["create", "digest"],
      ["create", "tv", "--expires", "forever"],
      ["create", "tv", "--expires", "0d"],
      ["frobnicate"],
      [],
    ])
      expect(pipewatch(args).code, args.join(" ")).toBe(2);
  });
});
