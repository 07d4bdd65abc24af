// The gate's facts from a request, and its decision as a response (for proxy.ts).
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { getToken } from "next-auth/jwt";
import type { ApiError } from "@/lib/api/http";
import { getConfig } from "@/lib/config";
import { decideAccess, type GateDecision, isPublicPath } from "./gate.ts";
import { LINK_COOKIE, type LinkGrant, verifyLinkToken } from "./links.ts";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** `Authorization: Bearer <token>` equals `expected`, compared in constant time. */
function bearerMatches(request: NextRequest, expected: string | undefined): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  return (
    expected !== undefined &&
    given !== undefined &&
    timingSafeEqual(digest(given), digest(expected))
  );
}

async function linkOf(
  request: NextRequest,
): Promise<{ link: LinkGrant | null; fromQuery: boolean }> {
  const fromQuery = request.nextUrl.searchParams.get("token");
  const queried = fromQuery ? await verifyLinkToken(fromQuery) : null;
  if (queried) return { link: queried, fromQuery: true };
  const cookie = request.cookies.get(LINK_COOKIE)?.value;
  return { link: cookie ? await verifyLinkToken(cookie) : null, fromQuery: false };
}

function respond(decision: GateDecision, request: NextRequest, secure: boolean): NextResponse {
  const navigation = request.method === "GET" || request.method === "HEAD";
  switch (decision.kind) {
    case "allow":
      return NextResponse.next();
    case "remember-link": {
      const clean = request.nextUrl.clone();
      clean.searchParams.delete("token");
      const response = NextResponse.redirect(clean, 303);
      response.cookies.set(LINK_COOKIE, request.nextUrl.searchParams.get("token") ?? "", {
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/",
        expires: decision.grant.expiresAt,
      });
      return response;
    }
    case "sign-in": {
      const target = request.nextUrl.clone();
      target.pathname = "/sign-in";
      target.search = new URLSearchParams({ callbackUrl: decision.callbackUrl }).toString();
      return NextResponse.redirect(target, navigation ? 307 : 303);
    }
    case "unauthorized":
      return NextResponse.json({ error: { message: decision.message } } satisfies ApiError, {
        status: 401,
        headers: {
          "Cache-Control": "no-store",
          ...(decision.bearer ? { "WWW-Authenticate": 'Bearer realm="pipewatch"' } : {}),
        },
      });
  }
}

/** Lets the request through, or answers it: a redirect to sign in, a 401, a link's cookie. */
export async function gateRequest(request: NextRequest): Promise<NextResponse> {
  const config = getConfig();
  // Open paths (health checks, webhook deliveries, sign-in) need no session or link: skip
  // decoding the cookie and the link's database read that decideAccess would not look at.
  if (!config.access.enabled || isPublicPath(request.nextUrl.pathname)) return NextResponse.next();
  const secure = config.publicUrl.startsWith("https://");
  const session = await getToken({ req: request, secret: config.authSecret, secureCookie: secure });
  const signedIn = session !== null;
  const { link, fromQuery } = signedIn ? { link: null, fromQuery: false } : await linkOf(request);
  const { pathname, search } = request.nextUrl;
  const decision = decideAccess({
    accessEnabled: true,
    method: request.method,
    pathname,
    pathWithQuery: `${pathname}${search}`,
    signedIn,
    metricsTokenValid: bearerMatches(request, config.access.metricsToken),
    link,
    linkFromQuery: fromQuery,
  });
  return respond(decision, request, secure);
}
