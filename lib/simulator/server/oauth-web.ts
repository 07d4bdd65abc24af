// Serving the OAuth web endpoints: they read a form body, which the API's handlers never do.
import type { IncomingMessage, ServerResponse } from "node:http";
import { send } from "./deliver.ts";
import { errorResponse, notFound } from "./http.ts";
import { type OAuthAuthority, tokenResponse } from "./oauth.ts";

const MAX_BODY = 64 * 1024;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = "";
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY) throw new Error("body too large");
  }
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    const parsed: unknown = JSON.parse(text);
    const entries = Object.entries(typeof parsed === "object" && parsed ? parsed : {});
    return new URLSearchParams(entries.map(([k, v]) => [k, String(v)]));
  }
  return new URLSearchParams(text);
}

/** Answers GET and POST /login/oauth/authorize and POST /login/oauth/access_token. */
export async function serveOAuth(
  oauth: OAuthAuthority,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator");
  const route = `${req.method} ${url.pathname.replace(/\/$/, "")}`;
  try {
    if (route === "GET /login/oauth/authorize")
      return send(res, oauth.authorizePage(url.searchParams), {});
    if (route === "POST /login/oauth/authorize")
      return send(res, oauth.authorize(await readForm(req)), {});
    if (route === "POST /login/oauth/access_token") {
      const answer = oauth.exchange(await readForm(req), req.headers.authorization);
      return send(res, tokenResponse(answer, req.headers.accept), {});
    }
    send(res, notFound(), {});
  } catch {
    if (!res.headersSent) send(res, errorResponse(400, "Problems parsing request"), {});
  }
}
