// The gate's decision (proxy.ts applies it): with access control on, who may open what.
// Pure, so every rule is unit-tested; proxy.ts only gathers the facts and writes the answer.
import type { LinkGrant } from "./links.ts";

/** Open without a session: each checks its callers itself, or reveals nothing. */
const PUBLIC_EXACT = new Set(["/api/health", "/api/webhooks/github", "/sign-in"]);
const PUBLIC_PREFIXES = ["/api/auth/", "/_next/static/"];
const PUBLIC_FILES = new Set(["/favicon.ico", "/icon.svg", "/robots.txt"]);
const METRICS = "/api/metrics";

export type GateFacts = {
  accessEnabled: boolean;
  method: string;
  pathname: string;
  /** The path and query to come back to after signing in. */
  pathWithQuery: string;
  signedIn: boolean;
  /** The request's Authorization bearer token equals PIPEWATCH_METRICS_TOKEN. */
  metricsTokenValid: boolean;
  /** A verified read-only link (from ?token= or the link cookie), if any. */
  link: LinkGrant | null;
  /** That link came in the query: remember it in the cookie and drop it from the URL. */
  linkFromQuery: boolean;
};

export type GateDecision =
  | { kind: "allow" }
  /** Set the link cookie and send the browser to the same URL without ?token=. */
  | { kind: "remember-link"; grant: LinkGrant }
  | { kind: "sign-in"; callbackUrl: string }
  | { kind: "unauthorized"; message: string; bearer: boolean };

export function isPublicPath(pathname: string): boolean {
  const bare = pathname.length > 1 ? pathname.replace(/\/$/, "") : pathname;
  return (
    PUBLIC_EXACT.has(bare) ||
    PUBLIC_FILES.has(bare) ||
    bare === "/api/auth" ||
    PUBLIC_PREFIXES.some((prefix) => pathname.startsWith(prefix))
  );
}

export const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

export function decideAccess(facts: GateFacts): GateDecision {
  const { pathname, method } = facts;
  if (!facts.accessEnabled || facts.signedIn || isPublicPath(pathname)) return { kind: "allow" };
  const metrics = pathname === METRICS || pathname === `${METRICS}/`;
  if (metrics && facts.metricsTokenValid) return { kind: "allow" };
  if (facts.link?.allows(method, pathname)) {
    const navigable = method === "GET" || method === "HEAD";
    return facts.linkFromQuery && navigable
      ? { kind: "remember-link", grant: facts.link }
      : { kind: "allow" };
  }
  if (isApiPath(pathname))
    return {
      kind: "unauthorized",
      message: metrics
        ? "sign in, or send Authorization: Bearer <PIPEWATCH_METRICS_TOKEN>"
        : "sign in required",
      bearer: metrics,
    };
  return { kind: "sign-in", callbackUrl: safeCallbackPath(facts.pathWithQuery) };
}

/** A same-site path to return to: anything else (another site, //host, \\host) becomes "/". */
export function safeCallbackPath(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // Browsers drop tabs and newlines from URLs, so "/\n/evil.example" would become "//evil...".
  if ([...value].some((char) => char.charCodeAt(0) < 0x20)) return "/";
  return value;
}
