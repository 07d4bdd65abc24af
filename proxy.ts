// Next's proxy (its middleware), run before any route: refuses a path Next cannot decode with a
// 400, where Next itself would answer 500 (lib/http/malformed-path.ts).
import { type NextRequest, NextResponse } from "next/server";
import { hasMalformedEscape, malformedPathResponse } from "@/lib/http/malformed-path";

export function proxy(request: NextRequest): Response {
  const { pathname } = request.nextUrl;
  if (hasMalformedEscape(pathname)) return malformedPathResponse(pathname);
  return NextResponse.next();
}
