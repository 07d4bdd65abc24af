// What Pipewatch reads of GitHub's workflow_run and workflow_job webhook payloads, validated:
// a signed payload is still untrusted input, and one of an unexpected shape must be refused
// rather than stored as garbage. The run and job objects are the REST API's, so the REST
// schemas serve (github-schemas.ts, github-detail-schemas.ts).
import { z } from "zod";
import { jobSchema } from "./github-detail-schemas.ts";
import { parseGitHub, runSchema } from "./github-schemas.ts";

/** The events Pipewatch acts on; the others are acknowledged and left alone. */
export const HANDLED_EVENTS = ["workflow_run", "workflow_job"] as const;
export type HandledEvent = (typeof HANDLED_EVENTS)[number];

export function isHandledEvent(event: string): event is HandledEvent {
  return (HANDLED_EVENTS as readonly string[]).includes(event);
}

const repository = z.object({ id: z.number().int().positive() });

export const workflowRunEventSchema = z.object({
  action: z.string(),
  repository,
  workflow_run: runSchema,
});

export const workflowJobEventSchema = z.object({
  action: z.string(),
  repository,
  workflow_job: jobSchema,
});

export type WebhookPayload =
  | { event: "workflow_run"; payload: z.infer<typeof workflowRunEventSchema> }
  | { event: "workflow_job"; payload: z.infer<typeof workflowJobEventSchema> };

/** A signed delivery whose body is not the payload we expect (answered 400). */
export class WebhookPayloadError extends Error {}

/**
 * The JSON document of a delivery. GitHub sends it as the body (content type `json`) or, with
 * the `form` content type, which is the default for a new repository webhook, as the `payload`
 * field of a form.
 */
function decodeBody(body: string | Buffer, contentType: string | null | undefined): unknown {
  const text = typeof body === "string" ? body : body.toString("utf8");
  const form = contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded");
  const json = form ? new URLSearchParams(text).get("payload") : text;
  if (json === null) throw new WebhookPayloadError("the form has no payload field");
  try {
    return JSON.parse(json);
  } catch {
    throw new WebhookPayloadError("the payload is not JSON");
  }
}

/** Parses and validates the payload of a workflow_run or workflow_job delivery. */
export function parseWebhookPayload(
  event: HandledEvent,
  body: string | Buffer,
  contentType?: string | null,
): WebhookPayload {
  const value = decodeBody(body, contentType);
  try {
    if (event === "workflow_run")
      return { event, payload: parseGitHub(workflowRunEventSchema, value, "workflow_run payload") };
    return { event, payload: parseGitHub(workflowJobEventSchema, value, "workflow_job payload") };
  } catch (error: unknown) {
    throw new WebhookPayloadError(error instanceof Error ? error.message : String(error));
  }
}
