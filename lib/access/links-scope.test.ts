// What a read-only link opens: its view, what that view fetches, and nothing else.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { linkAllows, TV_PATHS } from "./links-scope.ts";

const tv = (method: string, pathname: string) => linkAllows("tv", null, method, pathname);
const digest = (method: string, pathname: string) =>
  linkAllows("digest", "2026-W47", method, pathname);

/** The endpoints the TV wall asks: its hooks' paths (lib/queries/hooks.ts) and its fetches. */
function wallEndpoints(): string[] {
  const read = (file: string) => readFileSync(path.join(process.cwd(), file), "utf8");
  const wall = read("components/tv/wall-view.tsx");
  const hooks = read("lib/queries/hooks.ts");
  const used = [...wall.matchAll(/\b(use\w+Query)\(/g)].map((m) => m[1] ?? "");
  const paths = used.map((hook) => {
    const body = new RegExp(`function ${hook}\\([^]*?"(/api/[^"]+)"`).exec(hooks);
    if (!body?.[1]) throw new Error(`no endpoint found for ${hook}`);
    return body[1];
  });
  const fetched = [...wall.matchAll(/fetch\("([^"]+)"/g)].map((m) => m[1] ?? "");
  return [...new Set([...paths, ...fetched])].sort();
}

describe("a TV link", () => {
  it("opens the wall and exactly the endpoints the wall fetches, with GET and HEAD", () => {
    expect(wallEndpoints()).toEqual(TV_PATHS.filter((p) => p !== "/tv").sort());
    for (const pathname of TV_PATHS) {
      expect(tv("GET", pathname)).toBe(true);
      expect(tv("HEAD", pathname)).toBe(true);
    }
  });

  it("opens the built assets the page loads, and nothing that hides behind their prefix", () => {
    expect(tv("GET", "/_next/static/chunks/app/tv/page-0a1b2c.js")).toBe(true);
    expect(tv("GET", "/_next/static/css/7e1f.css")).toBe(true);
    expect(tv("GET", "/icon.svg")).toBe(true);
    expect(tv("GET", "/_next/static/../../api/v1/runs")).toBe(false);
    expect(tv("GET", "/_next/static/%2e%2e/api/v1/runs")).toBe(false);
    expect(tv("GET", "/_next/image")).toBe(false);
  });

  it("refuses the rest of the API and of the app", () => {
    for (const pathname of [
      "/api/v1/runs",
      "/api/v1/sync",
      "/api/v1/pipelines/123",
      "/api/v1/pipelines/sparklines",
      "/api/v1/tests/flaky",
      "/api/metrics",
      "/api/webhooks/github",
      "/pipelines/x",
      "/",
      "/status",
      "/digest/2026-W47",
      "/tv/",
      "/tv/x",
      "/api/v1/flags/",
      "/API/v1/pipelines",
      "/api/v1/%70ipelines",
    ])
      expect(tv("GET", pathname), pathname).toBe(false);
  });

  it("refuses every method but GET and HEAD, even on its own paths", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get", "TRACE"])
      for (const pathname of TV_PATHS) expect(tv(method, pathname)).toBe(false);
  });
});

describe("a digest link", () => {
  it("opens its own week's page, with GET and HEAD only", () => {
    expect(digest("GET", "/digest/2026-W47")).toBe(true);
    expect(digest("HEAD", "/digest/2026-W47")).toBe(true);
    expect(digest("POST", "/digest/2026-W47")).toBe(false);
  });

  it("refuses another week, latest, the TV and the API", () => {
    for (const pathname of [
      "/digest/2026-W46",
      "/digest/2026-w47",
      "/digest/latest",
      "/digest",
      "/digest/2026-W47/x",
      "/tv",
      "/api/v1/pipelines",
      "/api/v1/flags",
      "/api/v1/sync",
      "/api/health",
    ])
      expect(digest("GET", pathname), pathname).toBe(false);
  });

  it("opens nothing without a well-formed week", () => {
    expect(linkAllows("digest", null, "GET", "/digest/null")).toBe(false);
    expect(linkAllows("digest", "latest", "GET", "/digest/latest")).toBe(false);
    expect(linkAllows("digest", "2026-W47/../..", "GET", "/digest/2026-W47/../..")).toBe(false);
  });
});
