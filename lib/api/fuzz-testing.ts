// For the API fuzz suite (api-fuzz.int.test.ts): query strings and path values generated from
// the OpenAPI document's parameters — valid values from their schemas, boundaries, values of the
// seeded data, and junk (huge, unicode, control characters, malformed percent escapes, odd
// numbers and dates, repeated and unknown parameters).
import fc from "fast-check";
import type { JsonSchema, ParameterObject } from "./openapi-types.ts";

/** Values the seeded database knows (a tracked repository, a pipeline, a test). */
export type Known = Record<string, string>;

/** Text the URL carries as is: `%ZZ` stays malformed, `&` and `#` break the query's shape. */
const RAW_JUNK = ["%", "%Z", "%ZZ", "%%", "%E0%A4%A", "%ED%A0%80", "%FF%FE", "%C0%AF", "%00"];

/** Junk every parameter meets, whatever its schema. */
const junkText = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\u001b[31m",
    "\r\n",
    "\u202e",
    "\ud800",
    "\udfff",
    "😀",
    "null",
    "undefined",
    "[]",
    "{}",
    "NaN",
    "-NaN",
    "Infinity",
    "-Infinity",
    "1e309",
    "-0",
    "0x10",
    "1.5",
    "1,5",
    " 1",
    "1 ",
    "+1",
    "9007199254740992",
    "99999999999999999999999",
    "2026-11-27",
    "2026-11-27T12:00:00Z",
    "27/11/2026",
    "0000-01-01T00:00:00.000Z",
    "-271821-04-20T00:00:00.000Z",
    "../../etc/passwd",
    "' OR 1=1 --",
    "$1",
    "*",
    "acme/",
    "/r",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) }),
  fc
    .tuple(fc.constantFrom("a", "é", "\u0000", "😀", "%"), fc.integer({ min: 256, max: 100_000 }))
    .map(([unit, times]) => unit.repeat(times)),
);

/** Integers just outside an integer schema's range, and numbers the query spells oddly. */
function outOfRange(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
  const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
  return fc.oneof(
    fc.constantFrom(min - 1, max + 1, 0, -1, 2 ** 53, 2 ** 63).map((n) => String(n)),
    fc.double().map(String),
    fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
  );
}

/** Strings its pattern matches, when fast-check can generate from it (it has no lookaheads). */
function patternValues(pattern: string): fc.Arbitrary<string> | null {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch (_error: unknown) {
    return null;
  }
}

/** Values a parameter's schema (and description) allows, boundaries included. */
function validValues(parameter: ParameterObject): fc.Arbitrary<string> {
  const { schema } = parameter;
  const base: fc.Arbitrary<string>[] = [fc.constant(String(parameter.example))];
  if (schema.default !== undefined && schema.default !== null)
    base.push(fc.constant(String(schema.default)));
  if (schema.enum) base.push(fc.constantFrom(...schema.enum.map(String)));
  if (schema.type === "integer") {
    const min = schema.minimum ?? Number.MIN_SAFE_INTEGER;
    const max = schema.maximum ?? Number.MAX_SAFE_INTEGER;
    base.push(fc.integer({ min, max }).map(String), fc.constantFrom(String(min), String(max)));
  }
  const matching = schema.pattern ? patternValues(schema.pattern) : null;
  if (matching) base.push(matching);
  if (parameter.name === "window")
    base.push(
      fc.integer({ min: 1, max: 400 }).map((n) => `${n}d`),
      fc.integer({ min: 1, max: 9600 }).map((n) => `${n}h`),
    );
  if (schema.type === "string" && !schema.enum && !schema.pattern)
    base.push(
      fc.string({ minLength: schema.minLength ?? 0, maxLength: (schema.maxLength ?? 100) + 2 }),
    );
  return fc.oneof(...base);
}

/** A cursor-shaped value: base64url of `<ISO time>_<id>`, with odd times and ids. */
const cursorLike = fc
  .tuple(
    fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.date({ noInvalidDate: true }))
        .map(([year, d]) => `${String(year).padStart(4, "0")}${d.toISOString().slice(-20)}`),
      fc.constantFrom(
        "0000-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.999Z",
        "0001-01-01T00:00:00.000Z",
      ),
    ),
    fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 64n }).map(String),
      fc.nat().map(String),
      fc.constantFrom("0", "-1", "x"),
    ),
  )
  .map(([iso, id]) => Buffer.from(`${iso}_${id}`).toString("base64url"));

/** A near-valid value: `valid` with junk spliced in (a NUL in a good name, a space in a number). */
function spliced(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const junk = fc.oneof(
    fc.constantFrom("\u0000", "\u007f", "\n", " ", "%", "\ud800", "\uffff", "😀", ".."),
    fc.string({ unit: "binary", minLength: 1, maxLength: 3 }),
  );
  return fc.tuple(valid, junk, fc.nat()).map(([text, bad, at]) => {
    const cut = text.length === 0 ? 0 : at % (text.length + 1);
    return `${text.slice(0, cut)}${bad}${text.slice(cut)}`;
  });
}

/** A value of `parameter` that should get through: valid by its schema, or the seeded data's. */
function goodValue(parameter: ParameterObject, known: Known): fc.Arbitrary<string> {
  const seeded = known[parameter.name];
  return seeded === undefined
    ? validValues(parameter)
    : fc.oneof(validValues(parameter), fc.constant(seeded));
}

/** A value of `parameter` that is probably bad: junk, or a good value with junk spliced in. */
function badValue(parameter: ParameterObject, known: Known): fc.Arbitrary<string> {
  const good = goodValue(parameter, known);
  const options = [spliced(good), junkText];
  if (parameter.schema.type === "integer") options.push(outOfRange(parameter.schema));
  if (parameter.name === "window")
    options.push(
      fc
        .tuple(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom("h", "d", "w", "H", ""))
        .map(([n, unit]) => `${n}${unit}`),
    );
  return fc.oneof(
    ...(parameter.name === "cursor" ? [...options, cursorLike, cursorLike, cursorLike] : options),
  );
}

/** Percent-encodes `text`'s UTF-8 bytes (a lone surrogate as U+FFFD, as browsers send it). */
export function encode(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

/** A `name=value` pair, percent-encoded. */
function goodPair(name: string, value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return value.map((v) => `${encode(name)}=${encode(v)}`);
}

/** A `name=value` pair as the URL carries it: percent-encoded, or raw text (malformed escapes). */
function pair(name: fc.Arbitrary<string>, value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(name, value, fc.nat(9), fc.constantFrom(...RAW_JUNK)).map(([n, v, how, raw]) => {
    if (how === 0) return `${encode(n)}=${v}`; // raw: whatever the text does
    if (how === 1) return `${encode(n)}=${encode(v)}${raw}`;
    if (how === 2) return encode(n); // no `=` at all
    return `${encode(n)}=${encode(v)}`;
  });
}

export type FuzzRequest = { query: string; params: Record<string, string> };

/** A parameter's `name=value` pairs: mostly one, sometimes none (a required one missing) or two. */
function pairsOf(
  parameter: ParameterObject,
  value: fc.Arbitrary<string>,
  faulty: boolean,
): fc.Arbitrary<string[]> {
  if (!faulty) return goodPair(parameter.name, value).map((one) => [one]);
  const name = fc.constant(parameter.name);
  return fc.oneof(
    { arbitrary: pair(name, value).map((one) => [one]), weight: 8 },
    { arbitrary: fc.array(pair(name, value), { maxLength: 2 }), weight: 1 },
  );
}

/** Parameters nobody declared: typos, prototype names, the empty name. */
const strangers = fc.oneof(
  { arbitrary: fc.constant([] as string[]), weight: 6 },
  {
    arbitrary: fc.array(
      pair(
        fc.oneof(
          fc.constantFrom("zzz", "Window", "window ", "__proto__", "constructor", ""),
          fc.string({ maxLength: 8 }),
        ),
        junkText,
      ),
      { minLength: 1, maxLength: 2 },
    ),
    weight: 1,
  },
);

/**
 * Requests to an operation with `parameters`: every parameter good but (usually) one at fault,
 * so that a bad value reaches as far as it can instead of being refused for another one;
 * sometimes every one is good or any may be bad. Strangers are added now and then.
 */
export function requestsFor(
  parameters: ParameterObject[],
  known: Known,
): fc.Arbitrary<FuzzRequest> {
  const good = parameters.map((p) => goodValue(p, known));
  const bad = parameters.map((p) => badValue(p, known));
  const fault = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: Math.max(0, parameters.length - 1) }), weight: 6 },
    { arbitrary: fc.constant(-1), weight: 2 }, // all good
    { arbitrary: fc.constant(-2), weight: 1 }, // any may be bad
  );
  return fc.tuple(fault, strangers, fc.boolean()).chain(([at, extra, shuffle]) => {
    const values = parameters.map((_, i) =>
      at === -2
        ? fc.oneof(good[i] ?? fc.string(), bad[i] ?? fc.string())
        : i === at
          ? (bad[i] ?? fc.string())
          : (good[i] ?? fc.string()),
    );
    const query = parameters.flatMap((p, i) =>
      p.in === "query" ? [pairsOf(p, values[i] ?? fc.string(), at === -2 || at === i)] : [],
    );
    const path = parameters.flatMap((p, i) =>
      p.in === "path" ? [(values[i] ?? fc.string()).map((v) => [p.name, v] as const)] : [],
    );
    return fc.tuple(fc.tuple(...query), fc.tuple(...path)).chain(([lists, entries]) => {
      const all = [...lists.flat(), ...extra];
      const ordered = shuffle
        ? fc.shuffledSubarray(all, { minLength: all.length })
        : fc.constant(all);
      return ordered.map((items) => ({
        query: items.length ? `?${items.join("&")}` : "",
        params: Object.fromEntries(entries),
      }));
    });
  });
}
