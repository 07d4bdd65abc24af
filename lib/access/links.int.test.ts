// verifyLinkToken as the gate calls it (configuration and database from the environment):
// every way a token can be wrong is refused, and a valid one opens only its view.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { UserError } from "@/lib/errors";
import { requireLinkKey, verifyLinkToken } from "./links.ts";
import { createAccessLink, revokeAccessLink } from "./links-store.ts";
import { deriveLinkKey, signLinkToken } from "./links-token.ts";

const SECRET = "links-int-test-secret-0123456789abcdef";
const key = deriveLinkKey(SECRET);
const database = setUpTestDatabase();
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

beforeAll(() => {
  vi.stubEnv("DATABASE_URL", database.url);
  vi.stubEnv("AUTH_SECRET", SECRET);
});

afterAll(async () => {
  await getDb().$disconnect();
  vi.unstubAllEnvs();
});

const tvLink = () => createAccessLink(database.db, key, { kind: "tv", expiresAt: inDays(90) });

/** The token with part `index` (1 kind, 2 id, 3 expiry, 4 signature) replaced. */
function withPart(token: string, index: number, value: string): string {
  const parts = token.split(".");
  parts[index] = value;
  return parts.join(".");
}

describe("verifyLinkToken", () => {
  it("grants a valid TV link its wall and what the wall fetches, and nothing else", async () => {
    const { id, token, expiresAt } = await tvLink();
    const grant = await verifyLinkToken(token);
    expect(grant).toMatchObject({ id, kind: "tv", expiresAt });
    for (const pathname of ["/tv", "/api/v1/pipelines", "/api/v1/flags", "/api/health"])
      expect(grant?.allows("GET", pathname)).toBe(true);
    for (const pathname of ["/api/v1/runs", "/api/v1/sync", "/pipelines/x", "/digest/2026-W47"])
      expect(grant?.allows("GET", pathname), pathname).toBe(false);
    expect(grant?.allows("POST", "/api/v1/pipelines")).toBe(false);
    expect(grant?.allows("HEAD", "/tv")).toBe(true);
  });

  it("refuses a forged signature: another key's, or no key derived from AUTH_SECRET", async () => {
    const { id, expiresAt } = await tvLink();
    const claims = { kind: "tv" as const, id, expiresAt };
    expect(
      await verifyLinkToken(
        signLinkToken(deriveLinkKey("another-secret-of-enough-length!!"), claims),
      ),
    ).toBeNull();
    expect(await verifyLinkToken(signLinkToken(Buffer.from(SECRET), claims))).toBeNull();
    expect(await verifyLinkToken(signLinkToken(key, claims))).not.toBeNull();
  });

  it("refuses a token whose id or expiry was changed", async () => {
    const [a, b] = [await tvLink(), await tvLink()];
    expect(await verifyLinkToken(withPart(a.token, 2, b.id))).toBeNull();
    const later = String(Math.floor(inDays(3650).getTime() / 1000));
    expect(await verifyLinkToken(withPart(a.token, 3, later))).toBeNull();
    expect(await verifyLinkToken(a.token)).not.toBeNull();
  });

  it("refuses an expired link, and one whose row expires before its token", async () => {
    const past = await createAccessLink(database.db, key, {
      kind: "tv",
      expiresAt: new Date(Date.now() - 1000),
    });
    expect(await verifyLinkToken(past.token)).toBeNull();
    const shortened = await tvLink();
    await database.db.accessLink.update({
      where: { id: shortened.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await verifyLinkToken(shortened.token)).toBeNull();
    // A well-signed token that says it has expired, for a row that has not.
    const { id } = await tvLink();
    const expired = { kind: "tv" as const, id, expiresAt: new Date(Date.now() - 1000) };
    expect(await verifyLinkToken(signLinkToken(key, expired))).toBeNull();
  });

  it("refuses a revoked link from the very next request", async () => {
    const { id, token } = await tvLink();
    expect(await verifyLinkToken(token)).not.toBeNull();
    expect(await revokeAccessLink(database.db, id)).toBe("revoked");
    expect(await verifyLinkToken(token)).toBeNull();
    expect(await revokeAccessLink(database.db, id)).toBe("already-revoked");
    expect(await revokeAccessLink(database.db, "ffffffffffffffff")).toBe("unknown");
  });

  it("refuses a well-signed token for an unknown id, or of another kind than its row", async () => {
    const unknown = { kind: "tv" as const, id: "00000000deadbeef", expiresAt: inDays(1) };
    expect(await verifyLinkToken(signLinkToken(key, unknown))).toBeNull();
    const { id, expiresAt } = await tvLink();
    expect(await verifyLinkToken(signLinkToken(key, { kind: "digest", id, expiresAt }))).toBeNull();
  });

  it("grants a digest link its own week only", async () => {
    const { token } = await createAccessLink(database.db, key, {
      kind: "digest",
      scope: "2026-W47",
      expiresAt: inDays(60),
    });
    const grant = await verifyLinkToken(token);
    expect(grant?.kind).toBe("digest");
    expect(grant?.allows("GET", "/digest/2026-W47")).toBe(true);
    for (const pathname of ["/digest/2026-W46", "/digest/latest", "/tv", "/api/v1/pipelines"])
      expect(grant?.allows("GET", pathname), pathname).toBe(false);
  });

  it("records when a link was last used, at most once a minute", async () => {
    const { id, token } = await tvLink();
    const used = async () =>
      (await database.db.accessLink.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(await used()).toBeNull();
    await verifyLinkToken(token);
    const first = await used();
    expect(first).not.toBeNull();
    await verifyLinkToken(token);
    expect(await used()).toEqual(first);
  });

  it("refuses garbage without asking the database or throwing", async () => {
    for (const token of ["", "x", "pwl1.tv..1.x", "a".repeat(10_000)])
      expect(await verifyLinkToken(token)).toBeNull();
  });
});

describe("requireLinkKey", () => {
  it("refuses to make links without AUTH_SECRET, saying what to set", () => {
    expect(() => requireLinkKey({ authSecret: undefined })).toThrow(UserError);
    expect(() => requireLinkKey({ authSecret: undefined })).toThrow(/AUTH_SECRET/);
    expect(requireLinkKey({ authSecret: SECRET })).toEqual(key);
  });
});
