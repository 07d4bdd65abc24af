// POST /api/webhooks/github - GitHub's workflow_run and workflow_job webhooks: verified, stored at once, details queued for the poller.
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getLogger } from "@/lib/log/log";
import { MAX_WEBHOOK_BYTES, parseWebhookHeaders, readBodyWithin } from "@/lib/sync/webhook-request";
import { handleWebhookDelivery, verifySignature, WebhookPayloadError } from "@/lib/sync/webhooks";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function reply(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request): Promise<Response> {
  let deliveryId = "?";
  try {
    const secret = getConfig().webhookSecret;
    // 503 rather than 401: the fault is this server's configuration, not the sender's secret,
    // and GitHub's delivery log then says what to fix.
    if (!secret)
      return reply(503, { error: "webhooks are not configured: set GITHUB_WEBHOOK_SECRET" });
    const body = await readBodyWithin(request, MAX_WEBHOOK_BYTES);
    if (!body) return reply(413, { error: "payload larger than 25 MB" });
    if (!verifySignature(secret, body, request.headers.get("x-hub-signature-256")))
      return reply(401, { error: "invalid signature" });
    const headers = parseWebhookHeaders(request.headers);
    if (!headers)
      return reply(400, { error: "X-GitHub-Event and X-GitHub-Delivery headers are required" });
    deliveryId = headers.deliveryId;
    const result = await handleWebhookDelivery(getDb(), {
      ...headers,
      body,
      contentType: request.headers.get("content-type"),
    });
    // 202: stored, with the details still to come from the poller.
    return reply(result.outcome === "processed" ? 202 : 200, { ok: true, ...result });
  } catch (error: unknown) {
    if (error instanceof WebhookPayloadError) return reply(400, { error: error.message });
    getLogger().error({ err: error, deliveryId }, "webhook delivery failed");
    return reply(500, { error: "the delivery could not be processed" });
  }
}
