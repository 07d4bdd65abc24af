// Builders for the OpenAPI document's schemas. `object<T>` takes the TypeScript type a route
// answers with: a property added to or removed from that type without the document following
// no longer compiles.
import type { JsonSchema, JsonType } from "./openapi-types.ts";

/** Where the metric definitions live, for descriptions that point to them. */
export const METRICS_DOC = "docs/metrics.md";

/** A schema for each property of T, no more, no fewer. */
export type Properties<T> = { [K in keyof T]-?: JsonSchema };
type OptionalKeys<T> = {
  [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? K : never;
}[keyof T];

/**
 * A closed object schema: exactly the properties of T, every one required except the optional
 * keys of T listed in `optional` (absent from the JSON rather than null).
 */
export function object<T>(
  description: string,
  properties: Properties<T>,
  optional: readonly OptionalKeys<T>[] = [],
): JsonSchema {
  const keys = Object.keys(properties);
  return {
    type: "object",
    description,
    properties,
    required: keys.filter((key) => !(optional as readonly string[]).includes(key)),
    additionalProperties: false,
  };
}

/** A reference to a schema of the document's components. */
export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** `schema` or null: OpenAPI 3.1 writes it as a type array (there is no `nullable`). */
export function nullable(schema: JsonSchema & { type: JsonType }): JsonSchema {
  return { ...schema, type: [schema.type, "null"] };
}

export function string(
  description: string,
  extra: JsonSchema = {},
): JsonSchema & { type: "string" } {
  return { ...extra, type: "string", description };
}

export function boolean(description: string): JsonSchema & { type: "boolean" } {
  return { type: "boolean", description };
}

/** An ISO 8601 UTC instant, as Date.toISOString writes it. */
export function dateTime(description: string): JsonSchema & { type: "string" } {
  return { type: "string", format: "date-time", description };
}

/** A count: an integer, 0 or more. */
export function count(description: string): JsonSchema & { type: "integer" } {
  return { type: "integer", minimum: 0, description };
}

/** A duration in whole milliseconds. */
export function ms(description: string): JsonSchema & { type: "integer" } {
  return { type: "integer", description: `${description} In milliseconds.` };
}

/** A share from 0 to 1. */
export function rate(description: string): JsonSchema & { type: "number" } {
  return { type: "number", minimum: 0, maximum: 1, description };
}

/** GitHub's numeric ids, which exceed 2^53 in principle, are sent as decimal strings. */
export function id(description: string): JsonSchema {
  return { type: "string", pattern: "^[0-9]+$", description };
}

export function arrayOf(items: JsonSchema, description: string): JsonSchema {
  return { type: "array", description, items };
}

export function enumOf<const V extends readonly string[]>(
  values: V,
  description: string,
): JsonSchema & { type: "string" } {
  return { type: "string", enum: values, description };
}
