import { describe, expect, it } from "vitest";
import { decideAccess, type GateFacts, isPublicPath, safeCallbackPath } from "./gate.ts";
import type { LinkGrant } from "./links.ts";

const anonymous = (pathname: string, extra: Partial<GateFacts> = {}): GateFacts => ({
  accessEnabled: true,
  method: "GET",
  pathname,
  pathWithQuery: pathname,
  signedIn: false,
  metricsTokenValid: false,
  link: null,
  linkFromQuery: false,
  ...extra,
});

const tvLink: LinkGrant = {
  id: "l1",
  kind: "tv",
  expiresAt: new Date("2030-01-01T00:00:00Z"),
  allows: (method, pathname) =>
    method === "GET" && (pathname === "/tv" || pathname === "/api/v1/pipelines"),
};

describe("decideAccess", () => {
  it("lets everything through when access control is off", () => {
    expect(decideAccess(anonymous("/api/v1/pipelines", { accessEnabled: false }))).toEqual({
      kind: "allow",
    });
  });

  it("sends anonymous visitors of pages to the sign-in page, remembering where they were", () => {
    expect(
      decideAccess(anonymous("/pipelines/3", { pathWithQuery: "/pipelines/3?days=7" })),
    ).toEqual({
      kind: "sign-in",
      callbackUrl: "/pipelines/3?days=7",
    });
    expect(decideAccess(anonymous("/"))).toEqual({ kind: "sign-in", callbackUrl: "/" });
  });

  it("answers anonymous API calls with 401, POSTs included", () => {
    for (const pathname of ["/api/v1/pipelines", "/api/v1/sync", "/api", "/api/v1/openapi.json"]) {
      expect(decideAccess(anonymous(pathname))).toMatchObject({
        kind: "unauthorized",
        bearer: false,
      });
      expect(decideAccess(anonymous(pathname, { method: "POST" })).kind).toBe("unauthorized");
    }
  });

  it("opens only the public paths, not their look-alikes", () => {
    for (const open of [
      "/api/health",
      "/api/health/",
      "/api/webhooks/github",
      "/api/auth/session",
      "/api/auth/callback/github",
      "/sign-in",
      "/_next/static/chunks/a.js",
      "/icon.svg",
    ])
      expect(decideAccess(anonymous(open)).kind, open).toBe("allow");
    for (const closed of [
      "/api/healthz",
      "/api/authx",
      "/api/webhooks/github2",
      "/sign-in-x",
      "/_next/data/x.json",
      "/api/v1/health",
    ])
      expect(decideAccess(anonymous(closed)).kind, closed).not.toBe("allow");
    expect(isPublicPath("/api/auth")).toBe(true);
  });

  it("lets signed-in people open everything", () => {
    expect(decideAccess(anonymous("/api/v1/sync", { signedIn: true, method: "POST" }))).toEqual({
      kind: "allow",
    });
  });

  it("opens /api/metrics to its bearer token, and nothing else to it", () => {
    expect(decideAccess(anonymous("/api/metrics", { metricsTokenValid: true }))).toEqual({
      kind: "allow",
    });
    expect(decideAccess(anonymous("/api/metrics"))).toMatchObject({
      kind: "unauthorized",
      bearer: true,
    });
    expect(decideAccess(anonymous("/api/v1/pipelines", { metricsTokenValid: true })).kind).toBe(
      "unauthorized",
    );
  });

  it("opens what a read-only link allows, and only that", () => {
    expect(decideAccess(anonymous("/tv", { link: tvLink }))).toEqual({ kind: "allow" });
    expect(decideAccess(anonymous("/api/v1/pipelines", { link: tvLink }))).toEqual({
      kind: "allow",
    });
    expect(decideAccess(anonymous("/api/v1/runs", { link: tvLink })).kind).toBe("unauthorized");
    expect(decideAccess(anonymous("/status", { link: tvLink })).kind).toBe("sign-in");
    expect(
      decideAccess(anonymous("/api/v1/pipelines", { link: tvLink, method: "POST" })).kind,
    ).toBe("unauthorized");
  });

  it("remembers a link from the query in its cookie, for navigations only", () => {
    expect(decideAccess(anonymous("/tv", { link: tvLink, linkFromQuery: true }))).toEqual({
      kind: "remember-link",
      grant: tvLink,
    });
  });
});

describe("safeCallbackPath", () => {
  it.each([
    ["/pipelines/1?x=1", "/pipelines/1?x=1"],
    ["https://evil.example/", "/"],
    ["//evil.example/", "/"],
    ["/\\evil.example", "/"],
    ["/a\nb", "/"],
    [null, "/"],
    ["", "/"],
  ])("%o -> %o", (given, expected) => {
    expect(safeCallbackPath(given)).toBe(expected);
  });
});
