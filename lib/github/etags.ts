// Validators for conditional requests, kept in the database: a 304 costs no rate-limit budget,
// so an unchanged page of a steady-state poll is free.
import "server-only";

export type Validator = { etag: string; lastModified: string | null };

/** The key of a GET: method and URL with its query parameters sorted. */
export function etagKey(url: string): string {
  const parsed = new URL(url);
  const params = [...parsed.searchParams.entries()].sort(([a], [b]) => a.localeCompare(b));
  const query = new URLSearchParams(params).toString();
  return `GET ${parsed.origin}${parsed.pathname}${query ? `?${query}` : ""}`;
}
