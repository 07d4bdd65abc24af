// A GitHub App for tests: a fresh RSA key pair (PEM, PKCS#1 like the keys GitHub hands out),
// and JWTs signed the way @octokit/auth-app signs them, or spoilt on purpose.
import { generateKeyPairSync, sign } from "node:crypto";

export type TestAppKeys = { privateKeyPem: string; publicKeyPem: string };

/** A new 2048-bit RSA key pair in PEM. */
export function generateAppKeys(): TestAppKeys {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** An RS256 JWT over `payload` (default claims: iat 30 s back, exp 9.5 min ahead, iss appId). */
export function signAppJwt(
  privateKeyPem: string,
  appId: number,
  claims: Record<string, unknown> = {},
  nowMs = Date.now(),
): string {
  const now = Math.floor(nowMs / 1000);
  const payload = { iat: now - 30, exp: now + 570, iss: appId, ...claims };
  const signed = `${encode({ alg: "RS256", typ: "JWT" })}.${encode(payload)}`;
  const signature = sign("sha256", Buffer.from(signed), privateKeyPem).toString("base64url");
  return `${signed}.${signature}`;
}
