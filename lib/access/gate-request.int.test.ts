// The gate as proxy.ts runs it, with access control on and real read-only links: a TV link
// from the query is remembered in an http-only cookie and dropped from the address, then opens
// only its view; revoked and forged tokens open nothing.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { gateRequest } from "./gate-request.ts";
import { LINK_COOKIE } from "./links.ts";
import { createAccessLink, revokeAccessLink } from "./links-store.ts";
import { deriveLinkKey } from "./links-token.ts";

const SECRET = "gate-int-test-secret-0123456789abcdef";
const database = setUpTestDatabase();

beforeAll(() => {
  vi.stubEnv("DATABASE_URL", database.url);
  vi.stubEnv("AUTH_SECRET", SECRET);
  vi.stubEnv("PIPEWATCH_PASSWORD", "gate correct horse");
  vi.stubEnv("PIPEWATCH_PUBLIC_URL", "https://pipewatch.example.com");
});

afterAll(async () => {
  await getDb().$disconnect();
  vi.unstubAllEnvs();
});

const tvLink = () =>
  createAccessLink(database.db, deriveLinkKey(SECRET), {
    kind: "tv",
    expiresAt: new Date(Date.now() + 86_400_000),
  });

function get(path: string, cookie?: string) {
  const headers = cookie ? { cookie: `${LINK_COOKIE}=${cookie}` } : undefined;
  return gateRequest(new NextRequest(`https://pipewatch.example.com${path}`, { headers }));
}

const passes = (response: Response) => response.headers.get("x-middleware-next") === "1";

describe("the gate with read-only links", () => {
  it("remembers a TV link from the query in a cookie, and sends the browser to the clean address", async () => {
    const { token, expiresAt } = await tvLink();
    const response = await get(`/tv?page=2&token=${token}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("https://pipewatch.example.com/tv?page=2");
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`${LINK_COOKIE}=${token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toContain(`Expires=${expiresAt.toUTCString()}`);
  });

  it("opens the wall and what it polls with the cookie, and nothing else", async () => {
    const { token } = await tvLink();
    for (const path of ["/tv", "/api/v1/pipelines", "/api/v1/flags?state=open"])
      expect(passes(await get(path, token)), path).toBe(true);
    expect((await get("/api/v1/runs", token)).status).toBe(401);
    expect((await get("/status", token)).headers.get("location")).toContain("/sign-in");
  });

  it("opens nothing with a revoked, forged or missing token", async () => {
    const { id, token } = await tvLink();
    await revokeAccessLink(database.db, id);
    for (const given of [token, `${token}x`, "nonsense"]) {
      expect((await get("/api/v1/pipelines", given)).status).toBe(401);
      const page = await get(`/tv?token=${encodeURIComponent(given)}`);
      expect(page.status).toBe(307);
      expect(page.headers.get("location")).toMatch(/\/sign-in\?callbackUrl=%2Ftv%3Ftoken%3D/);
      expect(page.headers.get("set-cookie")).toBeNull();
    }
    expect((await get("/api/v1/pipelines")).status).toBe(401);
  });
});
