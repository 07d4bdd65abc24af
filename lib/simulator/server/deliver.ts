// Writing replies, including the faults a reply carries: hung connections, bodies cut off
// halfway, garbled JSON.
import type { ServerResponse } from "node:http";
import { errorResponse, type SimResponse } from "./http.ts";

export function send(
  res: ServerResponse,
  response: SimResponse,
  extra: Record<string, string>,
): void {
  const headers: Record<string, string> = { ...extra, ...response.headers };
  let body: string | Uint8Array = "";
  if (response.raw) {
    headers["content-type"] = response.raw.contentType;
    body = response.raw.bytes;
  } else if (response.body !== undefined) {
    headers["content-type"] = "application/json; charset=utf-8";
    body = JSON.stringify(response.body);
  }
  headers["content-length"] = String(
    typeof body === "string" ? Buffer.byteLength(body) : body.length,
  );
  res.writeHead(response.status, headers);
  res.end(body);
}

export type Reply = {
  response: SimResponse;
  headers: Record<string, string>;
  /** A fault to apply while sending: never answer, or spoil the body. */
  fault?: "hang" | "truncate" | "badjson";
};

/** The 5xx answers GitHub gives now and then. */
export function serverError(n: number): SimResponse {
  if (n % 3 === 1)
    return {
      status: 502,
      raw: {
        bytes: "<html><body><h1>502 Bad Gateway</h1></body></html>",
        contentType: "text/html",
      },
    };
  if (n % 3 === 2) return errorResponse(503, "Service Unavailable");
  return errorResponse(500, "Server Error");
}

/** The bytes of a response body, as `send` would write them. */
function bodyBytes(response: SimResponse): Buffer {
  if (response.raw) return Buffer.from(response.raw.bytes);
  return Buffer.from(response.body === undefined ? "" : JSON.stringify(response.body));
}

/**
 * Sends a reply, applying its fault: a hung connection (never answered, released when the
 * client gives up), a body cut off halfway with the connection dropped, or garbled JSON.
 */
export function deliver(res: ServerResponse, reply: Reply, hung: Set<ServerResponse>): void {
  const { response } = reply;
  if (reply.fault === "hang") {
    hung.add(res);
    res.on("close", () => hung.delete(res));
    return;
  }
  if (reply.fault === "truncate") {
    const bytes = bodyBytes(response);
    const contentType = response.raw?.contentType ?? "application/json; charset=utf-8";
    res.writeHead(response.status, {
      ...reply.headers,
      ...response.headers,
      "content-type": contentType,
      "content-length": String(bytes.length),
    });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    return;
  }
  if (reply.fault === "badjson") {
    const text = bodyBytes(response).toString("utf8");
    const spoilt = `${text.slice(0, 40)}<!-- unexpected -->{"`;
    send(
      res,
      { ...response, raw: { bytes: spoilt, contentType: "application/json; charset=utf-8" } },
      reply.headers,
    );
    return;
  }
  send(res, response, reply.headers);
}
