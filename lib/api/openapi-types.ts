// The part of OpenAPI 3.1 (and of its JSON Schema 2020-12 dialect) that Pipewatch's document
// uses: typed, so that a misspelt keyword fails to compile rather than being ignored by clients.

export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null";

/**
 * A schema in the subset the document uses and lib/api/json-schema-testing.ts validates:
 * nullable values as `type: [X, "null"]` (3.1 has no `nullable`), objects closed with
 * `additionalProperties: false` unless they are free-form on purpose.
 */
export type JsonSchema = {
  $ref?: string;
  type?: JsonType | readonly JsonType[];
  description?: string;
  format?: "date-time" | "uri";
  enum?: readonly (string | number | null)[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  default?: string | number | boolean | null;
};

export type Reference = { $ref: string };

export type ParameterObject = {
  name: string;
  in: "query" | "path";
  required: boolean;
  description: string;
  schema: JsonSchema;
  /** A value the route accepts (the tests send it). */
  example: string | number;
};

export type MediaTypeObject = { schema: JsonSchema };

export type ResponseObject = {
  description: string;
  content?: Readonly<Record<string, MediaTypeObject>>;
};

export type OperationObject = {
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  parameters?: readonly (ParameterObject | Reference)[];
  responses: Readonly<Record<string, ResponseObject | Reference>>;
};

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>>;

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: {
    title: string;
    version: string;
    description?: string;
    license?: { name: string; identifier?: string };
  };
  tags?: readonly { name: string; description?: string }[];
  paths: Readonly<Record<string, PathItemObject>>;
  components: {
    schemas: Readonly<Record<string, JsonSchema>>;
    parameters?: Readonly<Record<string, ParameterObject>>;
    responses?: Readonly<Record<string, ResponseObject>>;
  };
};
