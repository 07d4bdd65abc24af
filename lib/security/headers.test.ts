import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, type SecurityHeaderOptions, securityHeaders } from "./headers.ts";

const PRODUCTION: SecurityHeaderOptions = {
  development: false,
  publicUrl: "http://127.0.0.1:3000",
  githubWebUrl: "https://github.com",
  frameAncestors: [],
};

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  it("allows no eval in production, only our own scripts, and GitHub as a form target", () => {
    const csp = directives(contentSecurityPolicy(PRODUCTION));
    expect(csp.get("script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'", "https://github.com"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
  });

  it("lets development eval and open its refresh socket", () => {
    const csp = directives(contentSecurityPolicy({ ...PRODUCTION, development: true }));
    expect(csp.get("script-src")).toContain("'unsafe-eval'");
    expect(csp.get("connect-src")).toContain("ws:");
  });

  it("takes the configured GitHub web origin and frame ancestors", () => {
    const csp = directives(
      contentSecurityPolicy({
        ...PRODUCTION,
        githubWebUrl: "https://github.example.com/some/path",
        frameAncestors: ["https://dash.example.com"],
      }),
    );
    expect(csp.get("form-action")).toEqual(["'self'", "https://github.example.com"]);
    expect(csp.get("frame-ancestors")).toEqual(["https://dash.example.com"]);
  });
});

describe("securityHeaders", () => {
  it("sends HSTS only when the public URL is https", () => {
    expect(securityHeaders(PRODUCTION)["Strict-Transport-Security"]).toBeUndefined();
    const https = securityHeaders({ ...PRODUCTION, publicUrl: "https://pipewatch.example.com" });
    expect(https["Strict-Transport-Security"]).toMatch(/^max-age=\d+/);
  });

  it("never sends a Referer to another origin, and refuses framing by default", () => {
    const headers = securityHeaders(PRODUCTION);
    expect(headers["Referrer-Policy"]).toBe("same-origin");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Permissions-Policy"]).toContain("camera=()");
    const framed = securityHeaders({ ...PRODUCTION, frameAncestors: ["https://dash.example.com"] });
    expect(framed["X-Frame-Options"]).toBeUndefined();
  });
});
