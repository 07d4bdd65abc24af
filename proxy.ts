// Runs before every request: adds the security headers (lib/security/headers.ts) to every
// response, pages, API and static files alike. Later gates (sign-in) wrap their responses in
// withSecurityHeaders too.
import { NextResponse } from "next/server";
import { withSecurityHeaders } from "@/lib/security/response";

export function proxy(): NextResponse {
  return withSecurityHeaders(NextResponse.next());
}
