// The read-only links' tokens: `pwl1.<kind>.<id>.<expires>.<signature>`, where the signature is
// HMAC-SHA256 over everything before it, with a key derived from AUTH_SECRET by HKDF under this
// module's own info string (sign-in sessions derive theirs under another, so a session can never
// pass for a link nor a link for a session). The token names its database row (lib/access/
// links-store.ts); the row decides revocation. Pure: no database, no configuration.
import "server-only";
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

export const LINK_KINDS = ["tv", "digest"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

const VERSION = "pwl1";
const HKDF_INFO = "pipewatch read-only links v1";
/** Anything longer is no token of ours, refused before any work. */
const MAX_TOKEN_LENGTH = 200;
const TOKEN = /^pwl1\.(tv|digest)\.([0-9a-f]{16})\.([1-9][0-9]{0,11})\.([A-Za-z0-9_-]{43})$/;

/** What a token claims; trusted only once verifyTokenSignature has returned it. */
export type LinkClaims = { kind: LinkKind; id: string; expiresAt: Date };

/** The links' signing key: HKDF-SHA256 of AUTH_SECRET under this module's info string. */
export function deriveLinkKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "", HKDF_INFO, 32));
}

/** A new link id: 64 random bits, in hex (short enough to type in `pipewatch link revoke`). */
export function newLinkId(): string {
  return randomBytes(8).toString("hex");
}

function sign(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

/** The token for `claims` (expiry kept to the second, as in the token). */
export function signLinkToken(key: Buffer, claims: LinkClaims): string {
  const seconds = Math.floor(claims.expiresAt.getTime() / 1000);
  const payload = `${VERSION}.${claims.kind}.${claims.id}.${seconds}`;
  return `${payload}.${sign(key, payload)}`;
}

/**
 * The claims of a token whose signature is ours (compared in constant time), whatever its
 * expiry; null for anything else. Expiry and revocation are the caller's next checks.
 */
export function verifyTokenSignature(key: Buffer, token: string): LinkClaims | null {
  if (token.length > MAX_TOKEN_LENGTH) return null;
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, kind, id, seconds, signature] = match;
  if (!kind || !id || !seconds || !signature) return null;
  const payload = `${VERSION}.${kind}.${id}.${seconds}`;
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { kind: kind as LinkKind, id, expiresAt: new Date(Number(seconds) * 1000) };
}
