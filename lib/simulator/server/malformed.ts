// The fault plan's malformed answers: well-formed HTTP, right status and headers, but content
// GitHub should never send. JSON faults spoil one object of the answer (the first item of its
// list, or the answer itself); blob faults replace or stretch a download. Everything else is
// the real answer, so a sync that refuses the spoilt part must otherwise store what a clean
// sync stores.
import { zipFiles } from "../zip.ts";
import type { SimResponse } from "./http.ts";

export const JSON_FAULTS = ["nulls", "wrongtypes", "missing"] as const;
export const LOG_FAULTS = ["hugelog", "badutf8"] as const;
export const ARTIFACT_FAULTS = ["zipbomb", "deepxml"] as const;
export type MalformedKind =
  | (typeof JSON_FAULTS)[number]
  | (typeof LOG_FAULTS)[number]
  | (typeof ARTIFACT_FAULTS)[number];

/** How many bytes a spoilt log grows by, and what a zip bomb inflates to. */
export const HUGE_LOG_BYTES = 8 * 1024 * 1024;
export const ZIP_BOMB_BYTES = 64 * 1024 * 1024;
/** How deep the spoilt report's elements nest (the parser refuses more than 64). */
export const DEEP_XML_LEVELS = 100_000;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object to spoil: the first item of the answer's first list, or the answer itself. */
function target(body: Json): Json {
  for (const value of Object.values(body))
    if (Array.isArray(value) && isObject(value[0])) return value[0];
  return body;
}

/** `body` (a JSON answer) with one object spoilt as `kind` says. */
export function spoilJson(body: unknown, kind: (typeof JSON_FAULTS)[number]): unknown {
  const copy: unknown = structuredClone(body);
  const list = Array.isArray(copy) ? copy : null;
  const object = list ? list[0] : isObject(copy) ? target(copy) : undefined;
  if (!isObject(object)) return copy;
  for (const [key, value] of Object.entries(object)) {
    if (kind === "nulls")
      object[key] = null; // nulls everywhere
    else if (kind === "missing" && /(^|_)(id|at)$/.test(key)) delete object[key];
    else if (kind === "wrongtypes")
      object[key] = typeof value === "string" ? value.length : isObject(value) ? [] : String(value);
  }
  return copy;
}

let bomb: Uint8Array | undefined;

/** A small zip whose one report inflates to ZIP_BOMB_BYTES (built once, on first use). */
function zipBomb(): Uint8Array {
  bomb ??= zipFiles([{ name: "junit.xml", content: new Uint8Array(ZIP_BOMB_BYTES) }]);
  return bomb;
}

function deepXml(): Uint8Array {
  const open = '<testsuite name="deep">'.repeat(DEEP_XML_LEVELS);
  return zipFiles([{ name: "junit.xml", content: `<?xml version="1.0"?>${open}` }]);
}

/** A download (`response`, a job log or an artifact zip) spoilt as `kind` says. */
export function spoilBlob(response: SimResponse, kind: MalformedKind): SimResponse {
  if (response.status !== 200 || !response.raw) return response;
  const { raw } = response;
  const text = typeof raw.bytes === "string" ? Buffer.from(raw.bytes) : Buffer.from(raw.bytes);
  const bytes = (() => {
    if (kind === "zipbomb") return zipBomb();
    if (kind === "deepxml") return deepXml();
    const stamp = "2026-01-01T00:00:00.0000000Z";
    // Invalid UTF-8 (a lone continuation byte, an overlong '/', a cut-off sequence) on a line of
    // its own, so the real lines, and the cache steps in them, are as GitHub wrote them.
    if (kind === "badutf8")
      return Buffer.concat([
        Buffer.from(`${stamp} `),
        Buffer.from([0x80, 0xc0, 0xaf, 0xe2, 0x82, 0x0a]),
        text,
      ]);
    if (kind === "hugelog") {
      const line = Buffer.from(`${stamp} ${"x".repeat(200)}\n`);
      const lines = Math.ceil(HUGE_LOG_BYTES / line.length);
      return Buffer.concat([...Array.from({ length: lines }, () => line), text]);
    }
    return text;
  })();
  return { ...response, raw: { ...raw, bytes } };
}
