// GET /api/v1/openapi.json: the document as JSON, not cached; a query parameter answered 400.
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { GET } from "./route.ts";

describe("GET /api/v1/openapi.json", () => {
  it("answers the OpenAPI document as application/json", async () => {
    const response = GET(new Request("http://localhost/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json\b/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as typeof openApiDocument;
    expect(body).toEqual(openApiDocument);
    expect(body.openapi).toBe("3.1.0");
  });

  it("answers 400 naming an unknown parameter", async () => {
    const response = GET(new Request("http://localhost/api/v1/openapi.json?format=yaml"));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: "unknown parameter format", parameter: "format" },
    });
  });
});
