// What the webhook route reads of a request before anything is trusted: the raw body (the
// signature covers its exact bytes), bounded in size, and the delivery headers.
import "server-only";
import { z } from "zod";

/** GitHub caps payloads at 25 MB and does not deliver larger events. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

/**
 * The request body's bytes, or null when they exceed `limit`: refused from Content-Length when
 * it says so, otherwise as soon as the stream passes the limit, without reading the rest.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** X-GitHub-Event (e.g. workflow_run) and X-GitHub-Delivery (a GUID, kept as the record's key). */
export const webhookHeadersSchema = z.object({
  event: z.string().regex(/^[a-z_]{1,64}$/),
  deliveryId: z.string().regex(/^[A-Za-z0-9-]{1,100}$/),
});

/** The delivery headers, or null when one is missing or malformed. */
export function parseWebhookHeaders(headers: Headers): z.infer<typeof webhookHeadersSchema> | null {
  const result = webhookHeadersSchema.safeParse({
    event: headers.get("x-github-event"),
    deliveryId: headers.get("x-github-delivery"),
  });
  return result.success ? result.data : null;
}
