// Next's proxy (its middleware, on the Node runtime), run before every request: refuses a path
// Next cannot decode with a 400, where Next itself would answer 500 (lib/http/malformed-path.ts);
// then the gate: with access control on, every page and API route needs a session, a read-only
// link that opens it, or (for /api/metrics) the metrics token (lib/access/gate.ts decides).
// Every response, whichever answers it, carries the security headers (lib/security/headers.ts).
import { type NextRequest, NextResponse } from "next/server";
import { gateRequest } from "@/lib/access/gate-request";
import { hasMalformedEscape, malformedPathResponse } from "@/lib/http/malformed-path";
import { withSecurityHeaders } from "@/lib/security/response";

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  if (hasMalformedEscape(pathname)) return withSecurityHeaders(malformedPathResponse(pathname));
  // Next's built files are public and many: the headers, without the gate's work.
  if (pathname.startsWith("/_next/static/")) return withSecurityHeaders(NextResponse.next());
  return withSecurityHeaders(await gateRequest(request));
}
