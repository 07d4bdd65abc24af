// PIPEWATCH_PASSWORD: only its scrypt hash is kept in memory, and a candidate is compared in
// constant time. The variable may hold the hash itself (from `pipewatch hash-password`), so the
// password need not be written anywhere.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";
import { PASSWORD_HASH } from "./config-values.ts";

/** scrypt's cost: ~50 ms and 16 MiB per attempt, which the attempt limits keep rare. */
const COST = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;

type Hash = { cost: { N: number; r: number; p: number }; salt: Buffer; key: Buffer };

function derive(password: string, salt: Buffer, cost: Hash["cost"], length: number) {
  const options: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * 2 };
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function encode(hash: Hash): string {
  const { N, r, p } = hash.cost;
  return `scrypt$${N}$${r}$${p}$${hash.salt.toString("base64url")}$${hash.key.toString("base64url")}`;
}

function decode(text: string): Hash | null {
  const match = PASSWORD_HASH.exec(text);
  if (!match) return null;
  const [, N, r, p, salt = "", key = ""] = match;
  return {
    cost: { N: Number(N), r: Number(r), p: Number(p) },
    salt: Buffer.from(salt, "base64url"),
    key: Buffer.from(key, "base64url"),
  };
}

async function hashWithNewSalt(password: string): Promise<Hash> {
  const salt = randomBytes(16);
  return { cost: COST, salt, key: await derive(password, salt, COST, KEY_LENGTH) };
}

/** The `scrypt$N$r$p$salt$key` form of `password`, with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  return encode(await hashWithNewSalt(password));
}

/** Checks candidates against one configured password (plain or hashed), never keeping it. */
export class PasswordCheck {
  private readonly hash: Promise<Hash>;

  constructor(configured: string) {
    const given = decode(configured);
    // A plain password is hashed at once; only the hash stays referenced.
    this.hash = given ? Promise.resolve(given) : hashWithNewSalt(configured);
  }

  async matches(candidate: string): Promise<boolean> {
    const hash = await this.hash;
    const key = await derive(candidate, hash.salt, hash.cost, hash.key.length);
    return timingSafeEqual(key, hash.key);
  }
}
