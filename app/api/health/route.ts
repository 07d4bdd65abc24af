// GET /api/health - database reachability, schema version and each repository's sync status;
// 503 when the database is down or behind, 200 with status "degraded" when a sync is failing.
import { getHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await getHealth();
  return Response.json(health, {
    status: health.status === "error" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
}
