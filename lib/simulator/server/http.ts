// HTTP details GitHub clients depend on: Link headers, weak ETags, error bodies.
import { createHash } from "node:crypto";

export type SimResponse = {
  status: number;
  body?: unknown;
  /** Raw bytes instead of JSON (job logs, zips). */
  raw?: { bytes: Uint8Array | string; contentType: string };
  headers?: Record<string, string>;
  /** False for responses that do not count against the rate limit. */
  spend?: boolean;
};

const DOCS = "https://docs.github.com/rest";

/** GitHub's error body: `{ message, documentation_url, status }` (status is a string). */
export function errorResponse(
  status: number,
  message: string,
  documentationUrl = DOCS,
): SimResponse {
  return { status, body: { message, documentation_url: documentationUrl, status: String(status) } };
}

export const notFound = () => errorResponse(404, "Not Found", DOCS);

/** A weak ETag over the response body, as GitHub sends for Actions endpoints. */
export function weakEtag(body: string): string {
  return `W/"${createHash("sha256").update(body).digest("hex").slice(0, 32)}"`;
}

/** True when an If-None-Match header names `etag` (weak comparison, lists and `*`). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/**
 * GitHub's Link header for page `page` of `lastPage`: next and last, then prev, next, last and
 * first in the middle, prev and first on the last page. Repository URLs use /repositories/{id}.
 */
export function linkHeader(url: URL, page: number, lastPage: number): string | undefined {
  if (lastPage <= 1) return undefined;
  const at = (n: number) => {
    const target = new URL(url);
    target.searchParams.delete("page");
    target.searchParams.append("page", String(n));
    return `<${target.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`);
  if (page < lastPage) links.push(`${at(page + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return links.join(", ");
}

export type Page<T> = { items: T[]; link: string | undefined };

/** Parses per_page (default 30, at most 100) and page (default 1) like GitHub. */
export function pageParams(query: URLSearchParams): { page: number; perPage: number } {
  const perPage = Math.min(
    100,
    Math.max(1, Number.parseInt(query.get("per_page") ?? "30", 10) || 30),
  );
  const page = Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1);
  return { page, perPage };
}

/** One page of `items`; `cap` limits how many results paging can reach (GitHub's 1,000). */
export function paginate<T>(
  items: T[],
  query: URLSearchParams,
  linkBase: URL,
  cap = Number.POSITIVE_INFINITY,
): Page<T> {
  const { page, perPage } = pageParams(query);
  const reachable = Math.min(items.length, cap);
  const start = (page - 1) * perPage;
  const pageItems =
    start >= reachable ? [] : items.slice(start, Math.min(start + perPage, reachable));
  const lastPage = Math.max(1, Math.ceil(reachable / perPage));
  return { items: pageItems, link: linkHeader(linkBase, page, lastPage) };
}
