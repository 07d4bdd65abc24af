// The links' tokens: only our key's signature over the exact claims verifies.
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deriveLinkKey, newLinkId, signLinkToken, verifyTokenSignature } from "./links-token.ts";

const SECRET = "a-test-auth-secret-of-at-least-32-characters";
const key = deriveLinkKey(SECRET);
const claims = {
  kind: "tv" as const,
  id: "0123456789abcdef",
  expiresAt: new Date("2027-01-01T00:00:00Z"),
};
const token = signLinkToken(key, claims);

/** The token with part `index` (0 version, 1 kind, 2 id, 3 expiry, 4 signature) replaced. */
function withPart(index: number, value: string): string {
  const parts = token.split(".");
  parts[index] = value;
  return parts.join(".");
}

describe("link tokens", () => {
  it("verify with the key that signed them, giving back the claims", () => {
    expect(token).toMatch(/^pwl1\.tv\.0123456789abcdef\.1798761600\.[A-Za-z0-9_-]{43}$/);
    expect(verifyTokenSignature(key, token)).toEqual(claims);
  });

  it("are refused under another AUTH_SECRET, or with a key not derived by HKDF", () => {
    expect(verifyTokenSignature(deriveLinkKey(`${SECRET}x`), token)).toBeNull();
    const payload = token.split(".").slice(0, 4).join(".");
    const rawKeySignature = createHmac("sha256", SECRET).update(payload).digest("base64url");
    expect(verifyTokenSignature(key, withPart(4, rawKeySignature))).toBeNull();
  });

  it("are refused when the kind, id or expiry is changed, keeping the signature", () => {
    expect(verifyTokenSignature(key, withPart(1, "digest"))).toBeNull();
    expect(verifyTokenSignature(key, withPart(2, "0123456789abcdee"))).toBeNull();
    expect(verifyTokenSignature(key, withPart(3, "1798761601"))).toBeNull();
    expect(verifyTokenSignature(key, withPart(3, "4102444800"))).toBeNull();
  });

  it("are refused with a forged or damaged signature, without throwing", () => {
    const signature = token.split(".")[4] ?? "";
    const flipped = `${signature.slice(0, -1)}${signature.endsWith("A") ? "B" : "A"}`;
    for (const forged of [
      withPart(4, flipped),
      withPart(4, "A".repeat(43)),
      withPart(4, signature.slice(0, -1)),
      withPart(4, `${signature}A`),
      withPart(0, "pwl2"),
      token.slice(0, -44),
      `${token}.x`,
      "",
      "not a token",
      `${token}${"A".repeat(300)}`,
    ])
      expect(verifyTokenSignature(key, forged)).toBeNull();
  });

  it("name a fresh random id each time", () => {
    const ids = new Set(Array.from({ length: 100 }, () => newLinkId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it("never verify, nor throw, for arbitrary text or any one-character change of a valid token", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        expect(verifyTokenSignature(key, text)).toBeNull();
      }),
      { numRuns: 2000 },
    );
    const alphabet = fc.constantFrom(..."abcdefABCDEF0123456789._-xyzXYZ".split(""));
    fc.assert(
      fc.property(fc.nat({ max: token.length - 1 }), alphabet, (index, char) => {
        fc.pre(token[index] !== char);
        const changed = `${token.slice(0, index)}${char}${token.slice(index + 1)}`;
        expect(verifyTokenSignature(key, changed)).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});
