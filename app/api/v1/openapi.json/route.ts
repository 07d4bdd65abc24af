// GET /api/v1/openapi.json - the OpenAPI 3.1 document of this API (lib/api/openapi.ts).
import { json, parseQuery } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";
import { noQuery } from "@/lib/api/queries";

export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  const parsed = parseQuery(request, noQuery);
  if (!parsed.ok) return parsed.response;
  return json(openApiDocument);
}
