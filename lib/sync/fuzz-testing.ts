// For the fuzz suites of what GitHub sends (webhook-fuzz.int.test.ts, github-fuzz.int.test.ts):
// arbitraries that spoil a real GitHub object (a field set to a value of the wrong type, to
// null, to an odd string, number or date, or removed).
import fc from "fast-check";

/** Strings GitHub should never send, and the database may choke on. */
export const oddStrings = fc.constantFrom(
  "",
  "\u0000",
  "main\u0000",
  "\ud800",
  "\uffff",
  "😀".repeat(1000),
  "x".repeat(70_000),
  "0001-01-01T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "-271821-04-20T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "2026-02-30T00:00:00Z",
  "1",
  "yesterday",
  "null",
);

/** Numbers of every size and sign: beyond a 32-bit column, fractions, the unsafe. */
export const oddNumbers = fc.oneof(
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, 1e308, -1e308, 0.5, -0),
  fc.double({ noNaN: true }),
  fc.integer(),
);

/** Any JSON value, odd ones often. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: oddStrings, weight: 3 },
  { arbitrary: oddNumbers, weight: 3 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 2 },
);

/** The paths to every field of `value` (objects and arrays, depth first). */
export function fieldPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [i, item])
    : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...at, key], ...fieldPaths(item, [...at, key])]);
}

/** `value` with the field at `path` set to `to`, or removed when `to` is `REMOVE`. */
export const REMOVE = Symbol("remove");
export function withField(value: unknown, path: (string | number)[], to: unknown): unknown {
  const copy: unknown = structuredClone(value);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last === undefined) return to;
  if (to === REMOVE) delete node[last];
  else node[last] = to;
  return copy;
}

/** `template` spoiled in one to three fields (set to an odd value, or removed). */
export function spoiled(template: unknown): fc.Arbitrary<unknown> {
  const paths = fieldPaths(template);
  const one = fc.tuple(
    fc.constantFrom(...paths),
    fc.oneof({ arbitrary: oddValue, weight: 5 }, { arbitrary: fc.constant(REMOVE), weight: 1 }),
  );
  return fc
    .array(one, { minLength: 1, maxLength: 3 })
    .map((changes) =>
      changes.reduce<unknown>((value, [path, to]) => safeWithField(value, path, to), template),
    );
}

/** withField, unless an earlier change removed or replaced the field's parent. */
function safeWithField(value: unknown, path: (string | number)[], to: unknown): unknown {
  let node: unknown = value;
  for (const key of path.slice(0, -1)) {
    if (typeof node !== "object" || node === null) return value;
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === "object" && node !== null ? withField(value, path, to) : value;
}
