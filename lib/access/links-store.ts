// The read-only links' rows (access_links): create one with its token, list them, revoke one,
// and verify a token against its row. Verification is one primary-key read, with no cache, so
// a revoked link is refused from the next request on; last_used_at is written at most once a
// minute per link, so a TV polling every 15 seconds does not write on every request.
import "server-only";
import type { Db } from "@/lib/db/client";
import { linkAllows } from "./links-scope.ts";
import { type LinkKind, newLinkId, signLinkToken, verifyTokenSignature } from "./links-token.ts";

const TOUCH_EVERY_MS = 60_000;

/** A verified link: what lib/access/links.ts hands the gate. */
export type VerifiedLink = {
  id: string;
  kind: LinkKind;
  scope: string | null;
  expiresAt: Date;
  allows: (method: string, pathname: string) => boolean;
};

export type NewLink = {
  kind: LinkKind;
  label?: string;
  /** The ISO week of a digest link (required for one); null for the TV. */
  scope?: string;
  expiresAt: Date;
};

export type ListedLink = {
  id: string;
  kind: LinkKind;
  label: string | null;
  scope: string | null;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

/** Stores a new link and returns its id and token (the token is not stored: show it once). */
export async function createAccessLink(
  db: Db,
  key: Buffer,
  link: NewLink,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  if (link.kind === "digest" && !link.scope) throw new Error("a digest link needs its week");
  const id = newLinkId();
  // Kept to the second, as in the token, so the row and the token agree.
  const expiresAt = new Date(Math.floor(link.expiresAt.getTime() / 1000) * 1000);
  await db.accessLink.create({
    data: { id, kind: link.kind, label: link.label, scope: link.scope ?? null, expiresAt },
  });
  return { id, token: signLinkToken(key, { kind: link.kind, id, expiresAt }), expiresAt };
}

/** Every link, newest first (revoked and expired ones too: `pipewatch link list` says which). */
export async function listAccessLinks(db: Db): Promise<ListedLink[]> {
  return db.accessLink.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}

export type RevokeOutcome = "revoked" | "already-revoked" | "unknown";

/** Revokes the link `id`: its token is refused from the next request on. */
export async function revokeAccessLink(
  db: Db,
  id: string,
  now = new Date(),
): Promise<RevokeOutcome> {
  const { count } = await db.accessLink.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count === 1) return "revoked";
  const exists = await db.accessLink.findUnique({ where: { id }, select: { id: true } });
  return exists ? "already-revoked" : "unknown";
}

/**
 * The link a token opens, or null: a signature not ours (checked first, in constant time,
 * before the database is asked), an expired token, an unknown or revoked row, or a row of
 * another kind than the token says.
 */
export async function verifyAccessLink(
  db: Db,
  key: Buffer,
  token: string,
  now = new Date(),
): Promise<VerifiedLink | null> {
  const claims = verifyTokenSignature(key, token);
  if (!claims || claims.expiresAt.getTime() <= now.getTime()) return null;
  const row = await db.accessLink.findUnique({
    where: { id: claims.id },
    select: { kind: true, scope: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt !== null || row.kind !== claims.kind) return null;
  if (row.expiresAt.getTime() <= now.getTime()) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS)
    await touchAccessLink(db, claims.id, now);
  const expiresAt = new Date(Math.min(row.expiresAt.getTime(), claims.expiresAt.getTime()));
  const { kind, scope } = row;
  return {
    id: claims.id,
    kind,
    scope,
    expiresAt,
    allows: (method, pathname) => linkAllows(kind, scope, method, pathname),
  };
}

/** Best effort: a failed write of last_used_at must not refuse a valid link. */
async function touchAccessLink(db: Db, id: string, now: Date): Promise<void> {
  const stale = new Date(now.getTime() - TOUCH_EVERY_MS);
  await db.accessLink
    .updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: now },
    })
    .catch(() => undefined);
}
