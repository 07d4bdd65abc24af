// GET /api/v1/flags?state&repo&kind - open flags; state=all adds those resolved in the last 90 days.
import { z } from "zod";
import { json, notFound, parseQuery, serverError } from "@/lib/api/http";
import { getDb } from "@/lib/db/client";
import { FlagKind } from "@/lib/db/generated/enums";
import { listFlags } from "@/lib/metrics/flag-list";
import { UnknownRepositoryError } from "@/lib/metrics/pipelines";

export const dynamic = "force-dynamic";

const query = z.object({
  state: z.enum(["open", "all"]).optional(),
  repo: z
    .string()
    .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, "must be owner/name")
    .optional(),
  kind: z.enum(Object.values(FlagKind)).optional(),
});

export async function GET(request: Request): Promise<Response> {
  const parsed = parseQuery(request, query);
  if (!parsed.ok) return parsed.response;
  try {
    return json(await listFlags(getDb(), parsed.value));
  } catch (error: unknown) {
    if (error instanceof UnknownRepositoryError) return notFound(error.message);
    return serverError("GET /api/v1/flags", error);
  }
}
