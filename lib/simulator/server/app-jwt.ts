// Checking a GitHub App's JSON Web Token as GitHub does: RS256, signed with the App's private
// key, `iss` the App's id, `exp` in the future and at most 10 minutes ahead, `iat` not in the
// future. The messages are GitHub's own, as quoted in issue reports (e.g. octokit/auth-app.js
// matches the time ones to detect clock skew, so they must be exact).
import { type KeyObject, verify } from "node:crypto";

export const JWT_UNDECODABLE = "A JSON web token could not be decoded";
export const JWT_EXPIRED =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
export const JWT_TOO_FAR = "'Expiration time' claim ('exp') is too far in the future";
export const JWT_BAD_IAT =
  "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
export const JWT_NO_ISS = "Missing 'issuer' claim ('iss') in assertion";
export const JWT_BAD_ISS = "'Issuer' claim ('iss') must be an Integer";

/** GitHub refuses a JWT whose `exp` is more than 10 minutes ahead. */
const MAX_LIFETIME_S = 600;
/** How far in the future `iat` may be (clocks drift; GitHub's docs suggest backdating 60 s). */
const SKEW_S = 60;

export type JwtVerdict = { ok: true; appId: number } | { ok: false; message: string };

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** `iss` as an App id: a JSON number or a string of digits (both are sent by real clients). */
function issuerOf(iss: unknown): number | null {
  if (typeof iss === "number" && Number.isInteger(iss)) return iss;
  if (typeof iss === "string" && /^\d+$/.test(iss)) return Number(iss);
  return null;
}

/**
 * Verifies `jwt` for the App `appId` whose public key is `publicKey`, at real time `nowMs`.
 * A JWT naming another App is undecodable here: the simulator knows no other App's key.
 */
export function verifyAppJwt(
  jwt: string,
  app: { appId: number; publicKey: KeyObject },
  nowMs: number,
): JwtVerdict {
  const undecodable: JwtVerdict = { ok: false, message: JWT_UNDECODABLE };
  const parts = jwt.split(".");
  const [headerPart = "", payloadPart = "", signaturePart = ""] = parts;
  if (parts.length !== 3) return undecodable;
  const header = decodeJson(headerPart);
  const payload = decodeJson(payloadPart);
  if (!header || !payload || header.alg !== "RS256") return undecodable;

  if (payload.iss === undefined) return { ok: false, message: JWT_NO_ISS };
  const issuer = issuerOf(payload.iss);
  if (issuer === null) return { ok: false, message: JWT_BAD_ISS };
  if (issuer !== app.appId) return undecodable;

  const signed = Buffer.from(`${headerPart}.${payloadPart}`, "utf8");
  const signature = Buffer.from(signaturePart, "base64url");
  let valid = false;
  try {
    valid = verify("sha256", signed, app.publicKey, signature);
  } catch {
    valid = false;
  }
  if (!valid) return undecodable;

  const now = Math.floor(nowMs / 1000);
  const { exp, iat } = payload;
  if (typeof exp !== "number" || !Number.isFinite(exp) || exp <= now)
    return { ok: false, message: JWT_EXPIRED };
  if (exp > now + MAX_LIFETIME_S) return { ok: false, message: JWT_TOO_FAR };
  if (typeof iat !== "number" || !Number.isInteger(iat) || iat > now + SKEW_S)
    return { ok: false, message: JWT_BAD_IAT };
  return { ok: true, appId: issuer };
}
