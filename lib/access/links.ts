// Read-only links for machines and mail: the corridor TV's link and each digest e-mail's link
// carry a signed, expiring, revocable token that opens only their view (links-scope.ts). The
// gate (proxy.ts) calls verifyLinkToken on every request without a session; it costs one HMAC
// and one primary-key read, with no cache, so revoking a link takes effect on the next request.
import "server-only";
import { type Config, getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { UserError } from "@/lib/errors";
import { getLogger } from "@/lib/log/log";
import { createAccessLink, verifyAccessLink } from "./links-store.ts";
import { deriveLinkKey } from "./links-token.ts";

/** The cookie the gate sets from a valid `?token=`, so the view's own fetches are let through. */
export const LINK_COOKIE = "pipewatch_link";

export type LinkGrant = {
  id: string;
  kind: "tv" | "digest";
  expiresAt: Date;
  /** Whether this link opens `method pathname` (only its view and what that view fetches). */
  allows: (method: string, pathname: string) => boolean;
};

/** How long a digest e-mail's link works: long enough to be read after a holiday. */
export const DIGEST_LINK_DAYS = 60;

/** The signing key of links; a UserError naming AUTH_SECRET when it is not set. */
export function requireLinkKey(config: Pick<Config, "authSecret">): Buffer {
  if (!config.authSecret)
    throw new UserError(
      "read-only links need AUTH_SECRET, the key that signs them: set it to 32+ random characters (openssl rand -base64 32)",
      2,
    );
  return deriveLinkKey(config.authSecret);
}

let cachedKey: { secret: string; key: Buffer } | undefined;

/** Checks a link token's signature, expiry and revocation; null when any check fails. */
export async function verifyLinkToken(token: string): Promise<LinkGrant | null> {
  const secret = getConfig().authSecret;
  if (!secret || !token) return null;
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: deriveLinkKey(secret) };
  try {
    const link = await verifyAccessLink(getDb(), cachedKey.key, token);
    return link && { id: link.id, kind: link.kind, expiresAt: link.expiresAt, allows: link.allows };
  } catch (error: unknown) {
    // Refused rather than thrown: an unreadable database must not open the gate. The token
    // is not logged.
    getLogger().error({ err: error }, "a read-only link could not be checked");
    return null;
  }
}

/** `publicUrl + path` with the token as the `token` parameter the gate reads. */
export function linkUrl(publicUrl: string, path: string, token: string): string {
  return `${publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

/**
 * A new digest link for `week` (one row per e-mail sent, so each can be revoked), valid for
 * DIGEST_LINK_DAYS: the address of that week's page with its token.
 */
export async function createDigestLinkUrl(
  options: { db: Parameters<typeof createAccessLink>[0]; authSecret: string; publicUrl: string },
  week: string,
  now = new Date(),
): Promise<string> {
  const { token } = await createAccessLink(options.db, deriveLinkKey(options.authSecret), {
    kind: "digest",
    scope: week,
    label: `digest e-mail ${week}`,
    expiresAt: new Date(now.getTime() + DIGEST_LINK_DAYS * 86_400_000),
  });
  return linkUrl(options.publicUrl, `/digest/${week}`, token);
}
