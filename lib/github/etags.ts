// Validators for conditional requests, kept in the database: a 304 costs no rate-limit budget,
// so an unchanged page of a steady-state poll is free.
import "server-only";
import type { Db } from "@/lib/db/client";

export type Validator = { etag: string; lastModified: string | null };

/** The key of a GET: method and URL with its query parameters sorted. */
export function etagKey(url: string): string {
  const parsed = new URL(url);
  const params = [...parsed.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
  const query = new URLSearchParams(params).toString();
  return `GET ${parsed.origin}${parsed.pathname}${query ? `?${query}` : ""}`;
}

export async function getValidator(db: Db, url: string): Promise<Validator | null> {
  const row = await db.etagEntry.findUnique({ where: { key: etagKey(url) } });
  return row ? { etag: row.etag, lastModified: row.lastModified } : null;
}

export async function saveValidator(db: Db, url: string, validator: Validator): Promise<void> {
  const key = etagKey(url);
  await db.etagEntry.upsert({
    where: { key },
    create: { key, etag: validator.etag, lastModified: validator.lastModified },
    update: { etag: validator.etag, lastModified: validator.lastModified },
  });
}
