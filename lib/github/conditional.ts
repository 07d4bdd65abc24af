// Conditional GETs: the validator (ETag) of a URL is sent as If-None-Match, and GitHub answers
// an unchanged resource with 304, which costs no rate-limit budget. The caller stores the new
// validator in the same transaction as the data it read, so a validator in the database always
// means "this answer's data is committed": a crash can never make an unstored answer look
// unchanged.
import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import type { GitHubClient } from "./client.ts";
import { isNotModified } from "./client.ts";
import { etagKey, type Validator } from "./etags.ts";

/** Prisma's client or a transaction of it. */
export type DbOrTx = Prisma.TransactionClient;

export type ConditionalResult =
  | { changed: false; url: string }
  | {
      changed: true;
      url: string;
      data: unknown;
      /** Null when GitHub sent no ETag: nothing to store. */
      validator: Validator | null;
      /** The next page's URL from the Link header, if any. */
      next: string | null;
    };

/** The absolute URL of `path` (e.g. `/repos/a/b/actions/runs`) with `query`, on the client's API. */
export function apiUrl(
  client: GitHubClient,
  path: string,
  query: Record<string, string | number> = {},
): string {
  const base = String(client.request.endpoint.DEFAULTS.baseUrl).replace(/\/+$/, "");
  const url = new URL(`${base}${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
  return url.toString();
}

/** The `rel="next"` URL of a Link header. */
export function nextLink(link: string | undefined | null): string | null {
  if (!link) return null;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** Reads the stored validators of `urls` in one query. */
export async function loadValidators(db: DbOrTx, urls: string[]): Promise<Map<string, Validator>> {
  if (urls.length === 0) return new Map();
  const keys = urls.map(etagKey);
  const rows = await db.etagEntry.findMany({ where: { key: { in: keys } } });
  const byKey = new Map(rows.map((r) => [r.key, { etag: r.etag, lastModified: r.lastModified }]));
  const out = new Map<string, Validator>();
  for (const url of urls) {
    const found = byKey.get(etagKey(url));
    if (found) out.set(url, found);
  }
  return out;
}

/** GET `url`, conditionally when a validator is given. */
export async function getConditional(
  client: GitHubClient,
  url: string,
  validator: Validator | null | undefined,
): Promise<ConditionalResult> {
  const headers: Record<string, string> = {};
  if (validator?.etag) headers["if-none-match"] = validator.etag;
  else if (validator?.lastModified) headers["if-modified-since"] = validator.lastModified;
  try {
    const response = await client.request({ method: "GET", url, headers });
    const etag = response.headers.etag;
    const lastModified = response.headers["last-modified"] ?? null;
    return {
      changed: true,
      url,
      data: response.data,
      validator: etag ? { etag, lastModified } : null,
      next: nextLink(response.headers.link),
    };
  } catch (error: unknown) {
    if (isNotModified(error)) return { changed: false, url };
    throw error;
  }
}

/** GET `url` with the validator stored for it, if any. */
export async function getIfChanged(
  db: DbOrTx,
  client: GitHubClient,
  url: string,
): Promise<ConditionalResult> {
  return getConditional(client, url, (await loadValidators(db, [url])).get(url));
}

/** Stores validators (inside the transaction that stored their data). */
export async function storeValidators(
  db: DbOrTx,
  entries: { url: string; validator: Validator | null }[],
): Promise<void> {
  for (const { url, validator } of entries) {
    if (!validator) continue;
    const key = etagKey(url);
    await db.etagEntry.upsert({
      where: { key },
      create: { key, etag: validator.etag, lastModified: validator.lastModified },
      update: { etag: validator.etag, lastModified: validator.lastModified },
    });
  }
}
