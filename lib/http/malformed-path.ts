// A path Next cannot decode. Next's router decodes each dynamic segment with
// decodeURIComponent; a malformed percent escape (/pipelines/%ZZ, a cut-off %E0%A4, an encoded
// lone surrogate %ED%A0%80) throws its DecodeError, which it means to answer 400 by rendering
// the Pages Router's /_error page. An App Router-only build has none, so Next answers a plain
// 500 instead (next/dist/server/base-server.js, renderErrorToResponseImpl: "missing required
// error components"). The proxy answers such paths first, with a real 400.

/** Whether `pathname` holds a percent escape that decodeURIComponent refuses. */
export function hasMalformedEscape(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch (_error: unknown) {
    return true;
  }
}

const MESSAGE = "the path holds a malformed percent escape (such as %ZZ)";

/** The 400 for such a path: the API's JSON error under /api, plain text for a page. */
export function malformedPathResponse(pathname: string): Response {
  const headers = { "Cache-Control": "no-store" };
  if (pathname === "/api" || pathname.startsWith("/api/"))
    return Response.json({ error: { message: MESSAGE } }, { status: 400, headers });
  return new Response(`400 Bad Request: ${MESSAGE}.\n`, {
    status: 400,
    headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
  });
}
