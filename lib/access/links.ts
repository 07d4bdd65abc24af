// PLACEHOLDER for the read-only links (owned by the links helper's branch, which replaces this
// file): the contract the gate (proxy.ts) relies on, with no link ever valid.
import "server-only";

export const LINK_COOKIE = "pipewatch_link";

export type LinkGrant = {
  id: string;
  kind: "tv" | "digest";
  expiresAt: Date;
  /** Whether this link opens `method pathname` (only its view and what that view fetches). */
  allows: (method: string, pathname: string) => boolean;
};

/** Checks a link token's signature, expiry and revocation; null when any check fails. */
export async function verifyLinkToken(_token: string): Promise<LinkGrant | null> {
  return null;
}
