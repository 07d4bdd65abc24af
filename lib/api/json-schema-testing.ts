// A JSON Schema validator for the subset the OpenAPI document uses (lib/api/openapi-types.ts),
// for tests: real answers of the routes are checked against their documented schemas. A keyword
// outside the subset is an error, never silently ignored.
import type { JsonSchema, JsonType } from "./openapi-types.ts";

/** The keywords validated here, and the annotations that need no validation. */
const KEYWORDS = new Set([
  "$ref",
  "type",
  "format",
  "enum",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "description",
  "default",
]);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export type Validation = {
  /** `$.path.to[0].value: what is wrong`; empty when the value is valid. */
  errors: string[];
  /** Names of the component schemas a value was checked against (to see what a test covers). */
  refs: Set<string>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): JsonType | "other" {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value === "string" || typeof value === "boolean" || typeof value === "object")
    return typeof value as JsonType;
  return "other";
}

function hasType(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

function isUri(text: string): boolean {
  try {
    return new URL(text).protocol.length > 1;
  } catch (_error: unknown) {
    return false;
  }
}

/** The schema a `#/...` JSON pointer designates in `root`, or undefined. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isRecord(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** Checks `value` against `schema`, whose `$ref`s point into `root` (the OpenAPI document). */
export function validate(schema: JsonSchema, value: unknown, root: unknown): Validation {
  const result: Validation = { errors: [], refs: new Set() };
  check(schema, value, root, "$", result);
  return result;
}

function check(schema: JsonSchema, value: unknown, root: unknown, at: string, out: Validation) {
  const fail = (message: string): void => {
    out.errors.push(`${at}: ${message}`);
  };
  for (const keyword of Object.keys(schema))
    if (!KEYWORDS.has(keyword)) fail(`schema keyword ${keyword} is not supported`);
  if (schema.$ref !== undefined) {
    const target = resolvePointer(root, schema.$ref);
    if (!isRecord(target)) {
      fail(`$ref ${schema.$ref} does not resolve`);
      return;
    }
    const name = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref)?.[1];
    if (name) out.refs.add(name);
    check(target as JsonSchema, value, root, at, out);
  }
  if (schema.type !== undefined) {
    const types: readonly JsonType[] =
      typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types.some((type) => hasType(value, type))) {
      fail(`${JSON.stringify(value)} is not of type ${types.join(" or ")}`);
      return;
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((option) => option === value))
    fail(`${JSON.stringify(value)} is not one of ${schema.enum.join(", ")}`);
  if (typeof value === "string") checkString(schema, value, fail);
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      fail(`${value} is below the minimum ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      fail(`${value} is above the maximum ${schema.maximum}`);
  }
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    value.forEach((item, i) => {
      check(items, item, root, `${at}[${i}]`, out);
    });
  }
  if (isRecord(value)) checkObject(schema, value, root, at, out);
}

function checkString(schema: JsonSchema, value: string, fail: (message: string) => void) {
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength)
    fail(`is shorter than ${schema.minLength}`);
  if (schema.maxLength !== undefined && length > schema.maxLength)
    fail(`is longer than ${schema.maxLength}`);
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value))
    fail(`${JSON.stringify(value)} does not match ${schema.pattern}`);
  if (schema.format === "date-time" && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))))
    fail(`${JSON.stringify(value)} is not a date-time`);
  if (schema.format === "uri" && !isUri(value)) fail(`${JSON.stringify(value)} is not a URI`);
}

function checkObject(
  schema: JsonSchema,
  value: Record<string, unknown>,
  root: unknown,
  at: string,
  out: Validation,
) {
  for (const name of schema.required ?? [])
    if (!Object.hasOwn(value, name)) out.errors.push(`${at}: property ${name} is missing`);
  for (const [name, item] of Object.entries(value)) {
    const property = schema.properties?.[name];
    const where = `${at}.${name}`;
    if (property) check(property, item, root, where, out);
    else if (schema.additionalProperties === false)
      out.errors.push(`${at}: property ${name} is not in the schema`);
    else if (typeof schema.additionalProperties === "object")
      check(schema.additionalProperties, item, root, where, out);
  }
}
