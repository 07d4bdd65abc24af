// The gate (Next's proxy, on the Node runtime): with access control on, every page and API
// route needs a session, a read-only link that opens it, or (for /api/metrics) the metrics
// token; lib/access/gate.ts decides.
import type { NextRequest, NextResponse } from "next/server";
import { gateRequest } from "@/lib/access/gate-request";

export function proxy(request: NextRequest): Promise<NextResponse> {
  return gateRequest(request);
}

export const config = {
  // Next's static files are public and many; everything else, /_next/image included, is asked.
  matcher: ["/((?!_next/static/).*)"],
};
