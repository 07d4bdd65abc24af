// GET|POST /api/auth/* - Auth.js: sign-in, OAuth callbacks, session, sign-out (404 when access
// control is off: there is nobody to sign in).
import type { NextRequest } from "next/server";
import { answerAuthRequest } from "@/lib/access/auth";
import { notFound } from "@/lib/api/http";
import { getConfig } from "@/lib/config";

export async function GET(request: NextRequest): Promise<Response> {
  if (!getConfig().access.enabled) return notFound("access control is off");
  return answerAuthRequest(request);
}

export async function POST(request: NextRequest): Promise<Response> {
  if (!getConfig().access.enabled) return notFound("access control is off");
  return answerAuthRequest(request);
}
