// Reads the real GitHub payloads kept in ../shared/fixtures/github (see its README for origin
// and licence; the LGPL recordings are read from there, never copied into this repository).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export const FIXTURES_DIR = path.resolve(process.cwd(), "..", "shared", "fixtures", "github");
export const haveFixtures = existsSync(FIXTURES_DIR);

export type Exchange = {
  request: { method: string; url: string };
  response: { status: number; headers: Record<string, string>; body: unknown };
};

export function readFixture<T = unknown>(relative: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES_DIR, relative), "utf8")) as T;
}

/** The exchanges of a recorded-pygithub file, with their JSON bodies parsed. */
export function readExchanges(relative: string): Exchange[] {
  const file = readFixture<{ exchanges: Exchange[] }>(relative);
  return file.exchanges.map((e) => ({
    ...e,
    response: {
      ...e.response,
      body:
        typeof e.response.body === "string" && e.response.body.startsWith("{")
          ? JSON.parse(e.response.body)
          : e.response.body,
    },
  }));
}

export type Shape = Record<string, string>;

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Flattens a JSON value to `path -> type` ("run.actor.login" -> "string"); arrays contribute
 * the shape of their first element under `path[]`.
 */
export function shapeOf(value: unknown, prefix = "", out: Shape = {}): Shape {
  const type = kind(value);
  if (prefix) out[prefix] = type;
  if (type === "object") {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      shapeOf(child, prefix ? `${prefix}.${key}` : key, out);
    }
  } else if (type === "array" && (value as unknown[]).length > 0) {
    shapeOf((value as unknown[])[0], `${prefix}[]`, out);
  }
  return out;
}

/**
 * Differences that matter between a real payload's shape and ours: a field GitHub sends that
 * we lack, or one whose type differs (null on either side is allowed: nullable fields).
 */
export function shapeDifferences(real: Shape, ours: Shape, ignore: RegExp[] = []): string[] {
  const out: string[] = [];
  for (const [key, type] of Object.entries(real)) {
    if (ignore.some((pattern) => pattern.test(key))) continue;
    const mine = ours[key];
    if (mine === undefined) {
      // A child of a value that is null on our side (or an empty array) cannot be compared.
      const parent = key.replace(/(\.[^.]+|\[\])$/, "");
      if (parent !== key && (ours[parent] === "null" || ours[parent] === "array")) continue;
      out.push(`${key}: missing (GitHub sends ${type})`);
    } else if (mine !== type && mine !== "null" && type !== "null") {
      out.push(`${key}: ${mine}, GitHub sends ${type}`);
    }
  }
  return out;
}
