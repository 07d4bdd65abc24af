// GET /api/metrics - pipelines, open flags, sync and GitHub usage in the Prometheus text format.
import { parseQuery, serverError } from "@/lib/api/http";
import { noQuery } from "@/lib/api/queries";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { PROMETHEUS_CONTENT_TYPE } from "@/lib/metrics/prometheus";
import { getPrometheusMetrics } from "@/lib/metrics/prometheus-report";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, noQuery);
  if (!parsed.ok) return parsed.response;
  try {
    const body = await getPrometheusMetrics(getDb(), {
      pollIntervalMs: getConfig().pollIntervalSeconds * 1000,
    });
    return new Response(body, {
      headers: { "Content-Type": PROMETHEUS_CONTENT_TYPE, "Cache-Control": "no-store" },
    });
  } catch (error: unknown) {
    return serverError("GET /api/metrics", error);
  }
}
