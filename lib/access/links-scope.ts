// What a read-only link opens: its view and exactly what that view fetches, read-only.
// The TV wall (app/tv, components/tv/wall-view.tsx) polls GET /api/v1/pipelines and
// GET /api/v1/flags?state=open, and asks GET /api/health before its daily reload; a digest page
// (app/(dashboard)/digest/[week]) is rendered on the server and fetches no data of its own (the
// dashboard frame's stale-data banner asks /api/v1/flags and /api/v1/sync, which a digest link
// does not open: the banner stays hidden when refused). Both views also load Next's built
// assets. Pure, so the rules are unit-tested exhaustively (links-scope.test.ts).
import type { LinkKind } from "./links-token.ts";

/** The TV wall's page and the endpoints it polls (kept in step with wall-view.tsx by a test). */
export const TV_PATHS: readonly string[] = [
  "/tv",
  "/api/v1/pipelines",
  "/api/v1/flags",
  "/api/health",
];

/** An ISO week as the digest's stable address spells it (lib/digest/iso-week.ts). */
export const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/**
 * Next's built JavaScript, CSS and fonts (no data, the same for everyone) and the app's icon:
 * a view cannot render without them. No `..` and no escapes, so nothing else can hide behind
 * the prefix.
 */
function isBuiltAsset(pathname: string): boolean {
  if (pathname === "/icon.svg" || pathname === "/favicon.ico") return true;
  return (
    /^\/_next\/static\/[A-Za-z0-9._~/-]+$/.test(pathname) &&
    !pathname.split("/").some((segment) => segment === ".." || segment === ".")
  );
}

/**
 * Whether a link of `kind` (a digest link: for the ISO week `scope`) opens `method pathname`.
 * Only GET and HEAD; `pathname` as the URL spells it (not decoded: an escaped path is refused).
 */
export function linkAllows(
  kind: LinkKind,
  scope: string | null,
  method: string,
  pathname: string,
): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (isBuiltAsset(pathname)) return true;
  if (kind === "tv") return TV_PATHS.includes(pathname);
  return scope !== null && ISO_WEEK.test(scope) && pathname === `/digest/${scope}`;
}
