// The generic webhook's signature: HMAC-SHA256 over `<timestamp>.<raw body>` with the channel's
// secret, sent as `X-Pipewatch-Signature: sha256=<hex>` beside `X-Pipewatch-Timestamp: <unix
// seconds>`. The timestamp is signed too, so a captured request cannot be replayed later: a
// receiver refuses timestamps older than a few minutes (verifyAlertSignature does both).
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Pipewatch-Signature";
export const TIMESTAMP_HEADER = "X-Pipewatch-Timestamp";

/** `sha256=<hex>` of `<timestamp>.<body>`. */
export function signAlert(secret: string, timestamp: number, body: string): string {
  const hex = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `sha256=${hex}`;
}

/**
 * Whether a request is ours: the signature matches the raw body and timestamp, and the
 * timestamp is within `toleranceSeconds` of `now` (default five minutes).
 */
export function verifyAlertSignature(
  secret: string,
  request: { signature: string | undefined; timestamp: string | undefined; body: string },
  now = Date.now(),
  toleranceSeconds = 300,
): boolean {
  const { signature, timestamp, body } = request;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signAlert(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
