// GET /api/v1/sync - each repository's sync, backfill progress, runs stored and API budget.
import { json, parseQuery, serverError } from "@/lib/api/http";
import { noQuery } from "@/lib/api/queries";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getSyncReport } from "@/lib/sync/sync-report";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, noQuery);
  if (!parsed.ok) return parsed.response;
  try {
    return json(await getSyncReport(getDb(), getConfig().pollIntervalSeconds * 1000));
  } catch (error: unknown) {
    return serverError("GET /api/v1/sync", error);
  }
}
