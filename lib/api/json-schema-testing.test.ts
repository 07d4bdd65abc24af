// The validator the OpenAPI conformance test relies on: it must refuse what the document's
// schemas forbid, or the conformance test would pass on anything.
import { describe, expect, it } from "vitest";
import { validate } from "./json-schema-testing.ts";
import type { JsonSchema } from "./openapi-types.ts";

const root = {
  components: {
    schemas: {
      Point: {
        type: "object",
        properties: {
          at: { type: "string", format: "date-time" },
          rate: { type: ["number", "null"], minimum: 0, maximum: 1 },
          runs: { type: "integer", minimum: 0 },
          kind: { type: "string", enum: ["a", "b"] },
          id: { type: "string", pattern: "^[0-9]+$" },
          url: { type: "string", format: "uri" },
          tags: { type: "array", items: { type: "string", maxLength: 3 } },
          detail: { type: "object", additionalProperties: true },
        },
        required: ["at", "rate", "runs", "kind", "id", "url", "tags", "detail"],
        additionalProperties: false,
      },
    },
  },
};
const point: JsonSchema = { $ref: "#/components/schemas/Point" };
const good = {
  at: "2026-11-26T12:00:00.000Z",
  rate: null,
  runs: 3,
  kind: "a",
  id: "42",
  url: "https://github.com/acme/r",
  tags: ["x"],
  detail: { anything: [1] },
};

describe("validate", () => {
  it("accepts a value that fits, and records the component schemas it met", () => {
    expect(validate(point, good, root)).toEqual({ errors: [], refs: new Set(["Point"]) });
    expect(validate(point, { ...good, rate: 0.5 }, root).errors).toEqual([]);
  });

  it.each([
    ["an extra property", { ...good, extra: 1 }, "$: property extra is not in the schema"],
    ["a missing property", { ...good, rate: undefined }, "$: property rate is missing"],
    ["null where not allowed", { ...good, runs: null }, "$.runs: null is not of type integer"],
    ["a fraction for an integer", { ...good, runs: 1.5 }, "$.runs: 1.5 is not of type integer"],
    ["a number below the minimum", { ...good, runs: -1 }, "$.runs: -1 is below the minimum 0"],
    ["a rate above 1", { ...good, rate: 1.5 }, "$.rate: 1.5 is above the maximum 1"],
    ["a value outside the enum", { ...good, kind: "c" }, '$.kind: "c" is not one of a, b'],
    ["a string not matching", { ...good, id: "4a" }, '$.id: "4a" does not match ^[0-9]+$'],
    [
      "a date that is not ISO",
      { ...good, at: "26/11/2026" },
      '$.at: "26/11/2026" is not a date-time',
    ],
    ["an impossible date", { ...good, at: "2026-13-45T12:00:00Z" }, "is not a date-time"],
    ["a relative URI", { ...good, url: "/acme/r" }, '$.url: "/acme/r" is not a URI'],
    ["a bad array item", { ...good, tags: ["x", 2] }, "$.tags[1]: 2 is not of type string"],
    ["a too long string", { ...good, tags: ["long"] }, "$.tags[0]: is longer than 3"],
    ["an array for an object", [], "$: [] is not of type object"],
  ])("refuses %s", (_, value, error) => {
    expect(validate(point, JSON.parse(JSON.stringify(value)), root).errors.join("\n")).toContain(
      error,
    );
  });

  it("refuses a $ref that does not resolve and a keyword it does not know", () => {
    expect(validate({ $ref: "#/components/schemas/Nope" }, 1, root).errors).toEqual([
      "$: $ref #/components/schemas/Nope does not resolve",
    ]);
    const oneOf = { oneOf: [{ type: "string" }] } as JsonSchema;
    expect(validate(oneOf, 1, root).errors).toEqual(["$: schema keyword oneOf is not supported"]);
  });
});
