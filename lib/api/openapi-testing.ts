// For the OpenAPI document's tests: a structural check of an OpenAPI 3.1 document (the rules
// a client generator or a linter would trip on), and the route files found under app/api.
import fs from "node:fs";
import path from "node:path";
import { resolvePointer, validate } from "./json-schema-testing.ts";
import {
  HTTP_METHODS,
  type JsonSchema,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type Reference,
} from "./openapi-types.ts";

const TYPES = new Set(["string", "number", "integer", "boolean", "object", "array", "null"]);

function isReference(value: object): value is Reference {
  return "$ref" in value;
}

/** Every `$ref` in `node`, with where it was found. */
function collectRefs(node: unknown, at: string, found: [string, string][]) {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) collectRefs(item, `${at}[${i}]`, found);
  } else if (typeof node === "object" && node !== null)
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") found.push([at, value]);
      else collectRefs(value, `${at}.${key}`, found);
    }
}

/** Problems of one schema and the schemas inside it. */
function checkSchema(schema: JsonSchema, at: string, problems: string[]) {
  const types = schema.type === undefined ? [] : [schema.type].flat();
  for (const type of types) if (!TYPES.has(type)) problems.push(`${at}: unknown type ${type}`);
  if ("nullable" in schema) problems.push(`${at}: nullable is OpenAPI 3.0; use a type array`);
  if (schema.format !== undefined && !types.includes("string"))
    problems.push(`${at}: format ${schema.format} on a non-string`);
  if (schema.pattern !== undefined) {
    try {
      new RegExp(schema.pattern, "u");
    } catch (_error: unknown) {
      problems.push(`${at}: pattern ${schema.pattern} is not a valid regular expression`);
    }
  }
  if (
    schema.minimum !== undefined &&
    schema.maximum !== undefined &&
    schema.minimum > schema.maximum
  )
    problems.push(`${at}: minimum above maximum`);
  if (schema.properties) {
    for (const name of schema.required ?? [])
      if (!(name in schema.properties)) problems.push(`${at}: required ${name} is not a property`);
    if (schema.additionalProperties === undefined)
      problems.push(`${at}: an object must say whether it takes additionalProperties`);
    for (const [name, property] of Object.entries(schema.properties))
      checkSchema(property, `${at}.properties.${name}`, problems);
  }
  if (types.includes("array") && !schema.items) problems.push(`${at}: an array without items`);
  if (schema.items) checkSchema(schema.items, `${at}.items`, problems);
  if (typeof schema.additionalProperties === "object")
    checkSchema(schema.additionalProperties, `${at}.additionalProperties`, problems);
}

/** A parameter's example as the query string carries it, typed as its schema says. */
export function typedSample(schema: JsonSchema, text: string): unknown {
  const integer = schema.type === "integer" || schema.type === "number";
  return integer && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

function checkOperation(
  doc: OpenApiDocument,
  route: string,
  operation: OperationObject,
  at: string,
  problems: string[],
) {
  const declaredTags = new Set((doc.tags ?? []).map((tag) => tag.name));
  for (const tag of operation.tags)
    if (!declaredTags.has(tag)) problems.push(`${at}: tag ${tag} is not declared`);
  const parameters = (operation.parameters ?? []).map((p) =>
    isReference(p) ? (resolvePointer(doc, p.$ref) as ParameterObject | undefined) : p,
  );
  const seen = new Set<string>();
  for (const parameter of parameters) {
    if (!parameter) continue; // reported with the $refs
    const where = `${at}.parameters.${parameter.name}`;
    const key = `${parameter.in}:${parameter.name}`;
    if (seen.has(key)) problems.push(`${where}: declared twice`);
    seen.add(key);
    if (parameter.in === "path" && !parameter.required)
      problems.push(`${where}: a path parameter must be required`);
    if (parameter.in === "path" && !route.includes(`{${parameter.name}}`))
      problems.push(`${where}: not in the path ${route}`);
    if (!parameter.description) problems.push(`${where}: no description`);
    checkSchema(parameter.schema, `${where}.schema`, problems);
    const example = typedSample(parameter.schema, String(parameter.example));
    for (const error of validate(parameter.schema, example, doc).errors)
      problems.push(`${where}: its example fails its schema: ${error}`);
  }
  for (const [, name] of route.matchAll(/\{([^}]+)\}/g))
    if (!seen.has(`path:${name}`)) problems.push(`${at}: path parameter ${name} is not declared`);
  const responses = operation.responses;
  if (!responses["200"]) problems.push(`${at}: no 200 response`);
  if (parameters.length > 0 && !responses["400"])
    problems.push(`${at}: takes parameters but has no 400 response`);
  for (const [status, response] of Object.entries(responses)) {
    if (!/^[1-5]\d\d$/.test(status)) problems.push(`${at}.responses.${status}: not a status`);
    const resolved = isReference(response) ? resolvePointer(doc, response.$ref) : response;
    if (typeof resolved === "object" && resolved !== null && !("description" in resolved))
      problems.push(`${at}.responses.${status}: no description`);
  }
}

/** What is wrong with `doc` as an OpenAPI 3.1 document; empty when nothing is. */
export function checkOpenApiDocument(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  if (doc.openapi !== "3.1.0") problems.push(`openapi is ${doc.openapi}, not 3.1.0`);
  if (!doc.info.title || !doc.info.version) problems.push("info needs a title and a version");
  const refs: [string, string][] = [];
  collectRefs(doc, "$", refs);
  for (const [at, ref] of refs)
    if (resolvePointer(doc, ref) === undefined)
      problems.push(`${at}: $ref ${ref} does not resolve`);
  const used = new Set(refs.map(([, ref]) => ref));
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) problems.push(`components.schemas.${name}: bad name`);
    if (!used.has(`#/components/schemas/${name}`))
      problems.push(`components.schemas.${name}: never used`);
    checkSchema(schema, `components.schemas.${name}`, problems);
  }
  const operationIds = new Set<string>();
  for (const [route, item] of Object.entries(doc.paths)) {
    if (!route.startsWith("/")) problems.push(`paths.${route}: must start with /`);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const at = `paths.${route}.${method}`;
      if (!operation.operationId) problems.push(`${at}: no operationId`);
      else if (operationIds.has(operation.operationId))
        problems.push(`${at}: operationId ${operation.operationId} is not unique`);
      operationIds.add(operation.operationId);
      checkOperation(doc, route, operation, at, problems);
    }
  }
  return problems;
}

export type RouteFile = {
  /** Relative to the repository, e.g. app/api/v1/pipelines/[id]/route.ts. */
  file: string;
  /** The URL path template, e.g. /api/v1/pipelines/{id}. */
  path: string;
  /** The HTTP methods it exports, lower case. */
  methods: string[];
};

/** The route handlers under `root`/app/api, found on the file system. */
export function listRouteFiles(root: string): RouteFile[] {
  const api = path.join(root, "app", "api");
  return fs
    .readdirSync(api, { recursive: true, encoding: "utf8" })
    .filter((file) => /(^|[/\\])route\.tsx?$/.test(file))
    .sort()
    .map((file) => {
      const segments = path.dirname(file).split(path.sep);
      const urlPath = ["/api", ...segments]
        .filter((segment) => !/^\(.*\)$/.test(segment)) // route groups add no segment
        .map((segment) => segment.replace(/^\[(.+)\]$/, "{$1}"))
        .join("/");
      const source = fs.readFileSync(path.join(api, file), "utf8");
      const methods = [
        ...source.matchAll(
          /export\s+(?:async\s+)?(?:function\s+|const\s+)(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g,
        ),
      ].map((match) => String(match[1]).toLowerCase());
      return { file: path.join("app", "api", file), path: urlPath, methods };
    });
}
