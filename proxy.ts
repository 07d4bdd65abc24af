// Next's proxy (its middleware, on the Node runtime), run before any route: refuses a path Next
// cannot decode with a 400, where Next itself would answer 500 (lib/http/malformed-path.ts);
// then the gate: with access control on, every page and API route needs a session, a read-only
// link that opens it, or (for /api/metrics) the metrics token (lib/access/gate.ts decides).
import type { NextRequest } from "next/server";
import { gateRequest } from "@/lib/access/gate-request";
import { hasMalformedEscape, malformedPathResponse } from "@/lib/http/malformed-path";

export function proxy(request: NextRequest): Promise<Response> | Response {
  const { pathname } = request.nextUrl;
  if (hasMalformedEscape(pathname)) return malformedPathResponse(pathname);
  return gateRequest(request);
}

export const config = {
  // Next's static files are public and many; everything else, /_next/image included, is asked.
  matcher: ["/((?!_next/static/).*)"],
};
