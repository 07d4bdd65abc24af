// The proxy's answer to a path Next cannot decode (which Next itself answers 500; see
// e2e/bad-params.spec.ts for the built server).
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { hasMalformedEscape } from "./malformed-path.ts";

// The proxy also runs the access gate, which is asynchronous (off here: no access configured).
const get = async (path: string) => proxy(new NextRequest(`http://localhost${path}`));

describe("hasMalformedEscape", () => {
  it.each(["/pipelines/%ZZ", "/pipelines/%", "/a/%E0%A4%A", "/a/%ED%A0%80", "/%C0%AF", "/%2"])(
    "finds one in %s",
    (path) => expect(hasMalformedEscape(path)).toBe(true),
  );
  it.each(["/", "/pipelines/123", "/a%20b", "/%E2%82%AC", "/%25ZZ", "/%00"])(
    "finds none in %s",
    (path) => expect(hasMalformedEscape(path)).toBe(false),
  );
});

describe("proxy", () => {
  it("answers a page's malformed path with a plain 400", async () => {
    const response = await get("/pipelines/%ZZ");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(await response.text()).toContain("malformed percent escape");
  });

  it("answers an API path with the API's JSON error", async () => {
    const response = await get("/api/v1/pipelines/%E0%A4%A");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { message: "the path holds a malformed percent escape (such as %ZZ)" },
    });
  });

  it("lets every other request through, malformed query values included", async () => {
    for (const path of ["/", "/pipelines/123", "/tests?x=%ZZ", "/api/v1/runs?cursor=%"])
      expect((await get(path)).headers.get("x-middleware-next"), path).toBe("1");
  });
});
