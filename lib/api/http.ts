// Shared answers of the JSON API: success bodies, and errors that name the bad parameter
// (bad input is a 400, never a 500).
import "server-only";
import type { z } from "zod";
import { describeError } from "@/lib/errors";
import { getLogger } from "@/lib/log/log";

export type ApiError = { error: { message: string; parameter?: string } };

export function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export function badRequest(message: string, parameter?: string): Response {
  // `parameter` may be "" (`?=x`): still named, so the caller sees which one was refused.
  return json(
    { error: { message, ...(parameter === undefined ? {} : { parameter }) } } satisfies ApiError,
    400,
  );
}

export function notFound(message: string): Response {
  return json({ error: { message } } satisfies ApiError, 404);
}

/** A 500 for the unexpected: the details go to the server's log, not to the caller. */
export function serverError(where: string, error: unknown): Response {
  getLogger().error({ err: error, where }, `${where}: ${describeError(error)}`);
  return json({ error: { message: "internal error" } } satisfies ApiError, 500);
}

/**
 * The query parameters of `request` parsed with `schema`; a Response (400 naming the first bad
 * parameter) when they do not fit. Unknown parameters are refused too: a typo must not be
 * silently ignored.
 */
export function parseQuery<T extends z.ZodObject>(
  request: Request,
  schema: T,
): { ok: true; value: z.infer<T> } | { ok: false; response: Response } {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in raw)
      return { ok: false, response: badRequest(`${name} is given more than once`, name) };
    raw[name] = value;
  }
  const result = schema.strict().safeParse(raw);
  if (result.success) return { ok: true, value: result.data as z.infer<T> };
  const issue = result.error.issues[0];
  const parameter =
    issue?.code === "unrecognized_keys" ? issue.keys[0] : String(issue?.path[0] ?? "");
  const message =
    issue?.code === "unrecognized_keys"
      ? `unknown parameter ${parameter || '""'}`
      : `${parameter}: ${issue?.message ?? "is invalid"}`;
  return { ok: false, response: badRequest(message, parameter) };
}
