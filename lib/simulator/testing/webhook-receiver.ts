// A local HTTP endpoint that records the webhooks the simulator sends, as GitHub's would arrive
// at an app: for tests of the simulator's deliveries and of the app's webhook route; and the
// alerts Pipewatch sends (Slack and generic webhooks), answering with a status of the test's choice.
import { createServer, type IncomingHttpHeaders } from "node:http";

/** One delivery as received: its headers, raw body and parsed payload (typed by the caller). */
export type ReceivedDelivery<P> = {
  event: string;
  id: string;
  signature: string;
  body: string;
  payload: P;
  /** Every header, names in lower case. */
  headers: IncomingHttpHeaders;
  /** The status the receiver answered with. */
  status: number;
};

export type WebhookReceiver<P> = {
  /** Where to send the webhooks (`http://127.0.0.1:<port>/hook`). */
  url: string;
  /** Every delivery so far, in arrival order. */
  deliveries: ReceivedDelivery<P>[];
  close: () => Promise<void>;
};

/**
 * Starts a receiver on a free loopback port. `status` picks the answer to the n-th request
 * (0-based; default 204 to all): a failing endpoint records its requests too.
 */
export async function startWebhookReceiver<P>(
  options: { status?: (index: number) => number } = {},
): Promise<WebhookReceiver<P>> {
  const deliveries: ReceivedDelivery<P>[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const status = options.status?.(deliveries.length) ?? 204;
      deliveries.push({
        event: String(req.headers["x-github-event"]),
        id: String(req.headers["x-github-delivery"]),
        signature: String(req.headers["x-hub-signature-256"]),
        body,
        payload: JSON.parse(body) as P,
        headers: req.headers,
        status,
      });
      res.writeHead(status).end(status >= 400 ? "receiver says no" : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
