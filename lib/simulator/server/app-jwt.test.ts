import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  JWT_BAD_IAT,
  JWT_BAD_ISS,
  JWT_EXPIRED,
  JWT_NO_ISS,
  JWT_TOO_FAR,
  JWT_UNDECODABLE,
  verifyAppJwt,
} from "./app-jwt.ts";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
const APP_ID = 4242;
const NOW_MS = Date.UTC(2026, 10, 26, 12, 0, 0);
const now = NOW_MS / 1000;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function jwt(
  payload: Record<string, unknown>,
  key: KeyObject = privateKey,
  header: Record<string, unknown> = { alg: "RS256", typ: "JWT" },
): string {
  const signed = `${encode(header)}.${encode(payload)}`;
  return `${signed}.${sign("sha256", Buffer.from(signed), key).toString("base64url")}`;
}

/** What universal-github-app-jwt (used by @octokit/auth-app) signs: iat 30 s back, 10 min life. */
const good = { iat: now - 30, exp: now + 570, iss: APP_ID };
const check = (token: string) => verifyAppJwt(token, { appId: APP_ID, publicKey }, NOW_MS);
const refused = (message: string) => ({ ok: false, message });

describe("verifyAppJwt", () => {
  it("accepts the App's JWT, with iss as a number or a string of digits", () => {
    expect(check(jwt(good))).toEqual({ ok: true, appId: APP_ID });
    expect(check(jwt({ ...good, iss: String(APP_ID) }))).toEqual({ ok: true, appId: APP_ID });
  });

  it("refuses an expired JWT, and one that lives more than 10 minutes", () => {
    expect(check(jwt({ ...good, iat: now - 700, exp: now - 100 }))).toEqual(refused(JWT_EXPIRED));
    expect(check(jwt({ ...good, exp: now }))).toEqual(refused(JWT_EXPIRED));
    expect(check(jwt({ ...good, exp: "soon" }))).toEqual(refused(JWT_EXPIRED));
    expect(check(jwt({ ...good, exp: now + 601 }))).toEqual(refused(JWT_TOO_FAR));
  });

  it("refuses an iat in the future beyond 60 s of clock skew", () => {
    expect(check(jwt({ ...good, iat: now + 59 })).ok).toBe(true);
    expect(check(jwt({ ...good, iat: now + 61 }))).toEqual(refused(JWT_BAD_IAT));
    expect(check(jwt({ ...good, iat: undefined }))).toEqual(refused(JWT_BAD_IAT));
  });

  it("refuses a missing, malformed or foreign issuer", () => {
    expect(check(jwt({ ...good, iss: undefined }))).toEqual(refused(JWT_NO_ISS));
    expect(check(jwt({ ...good, iss: "Iv1.0123abcd" }))).toEqual(refused(JWT_BAD_ISS));
    expect(check(jwt({ ...good, iss: APP_ID + 1 }))).toEqual(refused(JWT_UNDECODABLE));
  });

  it("refuses a bad signature, a tampered payload, another algorithm and garbage", () => {
    expect(check(jwt(good, stranger.privateKey))).toEqual(refused(JWT_UNDECODABLE));
    const [header, , signature] = jwt(good).split(".");
    const tampered = `${header}.${encode({ ...good, exp: now + 590 })}.${signature}`;
    expect(check(tampered)).toEqual(refused(JWT_UNDECODABLE));
    expect(check(jwt(good, privateKey, { alg: "none" }))).toEqual(refused(JWT_UNDECODABLE));
    expect(check("not-a-jwt")).toEqual(refused(JWT_UNDECODABLE));
    expect(check("a.b.c")).toEqual(refused(JWT_UNDECODABLE));
  });
});
