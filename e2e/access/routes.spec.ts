// Every page and API route of the app, found on disk (a new one is covered without a word
// here): with access control on, each refuses an anonymous request, and answers once signed in.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, request, test } from "@playwright/test";
import { ACCESS_PASSWORD, METRICS_TOKEN } from "./access-env.ts";

/** Open without a session (lib/access/gate.ts): each answers anonymous requests itself. */
const PUBLIC = new Set([
  "/api/health",
  "/api/webhooks/github",
  "/api/auth/[...nextauth]",
  "/sign-in",
]);
/** A value for each dynamic segment; a route with another one fails until it is added here. */
const SAMPLES: Record<string, string> = { id: "1", week: "2026-W01", "...nextauth": "session" };

type Entry = { route: string; url: string; kind: "page" | "api"; methods: string[] };

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

function entries(): Entry[] {
  return walk("app")
    .filter((file) => /(^|\/)(page\.tsx|route\.ts)$/.test(file))
    .map((file) => {
      const segments = path.dirname(file).split(path.sep).slice(1);
      // Route groups, (dashboard), add no segment.
      const route = `/${segments.filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
      const url = route.replace(/\[([^\]]+)\]/g, (_, name: string) => {
        const sample = SAMPLES[name];
        if (sample === undefined) throw new Error(`no sample value for [${name}] in ${file}`);
        return sample;
      });
      if (file.endsWith("page.tsx")) return { route, url, kind: "page" as const, methods: ["GET"] };
      const source = readFileSync(file, "utf8");
      const methods = [
        ...source.matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g),
      ].map((match) => match[1] ?? "");
      return { route, url, kind: "api" as const, methods };
    });
}

const ALL = entries();

test("the file system lists the app's pages and routes", () => {
  const routes = ALL.map((entry) => entry.route);
  for (const known of [
    "/",
    "/status",
    "/tv",
    "/pipelines/[id]",
    "/api/v1/pipelines",
    "/api/metrics",
  ])
    expect(routes).toContain(known);
  expect(ALL.every((entry) => entry.methods.length > 0)).toBe(true);
});

test("every page and API route refuses an anonymous request", async ({ request: anonymous }) => {
  for (const entry of ALL.filter((e) => !PUBLIC.has(e.route))) {
    for (const method of entry.methods) {
      const response = await anonymous.fetch(entry.url, { method, maxRedirects: 0 });
      const what = `${method} ${entry.url}`;
      if (entry.kind === "page") {
        expect(response.status(), what).toBe(307);
        expect(response.headers().location, what).toMatch(/\/sign-in\?callbackUrl=/);
      } else {
        expect(response.status(), what).toBe(401);
        expect(await response.json(), what).toEqual({ error: { message: expect.any(String) } });
      }
    }
  }
});

test("the public routes answer without a session, and reveal no secret", async ({
  request: anonymous,
}) => {
  const health = await anonymous.get("/api/health");
  expect(health.status()).toBe(200);
  const body = await health.text();
  for (const secret of [
    ACCESS_PASSWORD,
    METRICS_TOKEN,
    "e2e-auth-secret",
    "e2e-oauth-client-secret",
  ])
    expect(body).not.toContain(secret);
  expect((await anonymous.get("/sign-in")).status()).toBe(200);
  expect((await anonymous.get("/api/auth/session")).status()).toBe(200);
  // The webhook checks its own signature: an unsigned delivery is refused by it, not the gate.
  const webhook = await anonymous.post("/api/webhooks/github", { data: {} });
  expect([401, 403, 503]).toContain(webhook.status());
});

test("/api/metrics takes its bearer token, and only the right one", async ({
  request: anonymous,
}) => {
  const right = await anonymous.get("/api/metrics", {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(right.status()).toBe(200);
  expect(await right.text()).toContain("# TYPE");
  const wrong = await anonymous.get("/api/metrics", { headers: { Authorization: "Bearer nope" } });
  expect(wrong.status()).toBe(401);
  expect(wrong.headers()["www-authenticate"]).toContain("Bearer");
  const elsewhere = await anonymous.get("/api/v1/pipelines", {
    headers: { Authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(elsewhere.status()).toBe(401);
});

/** A request context signed in with the password (through Auth.js's own endpoints). */
async function signedIn(baseURL: string): Promise<APIRequestContext> {
  const context = await request.newContext({
    baseURL,
    extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.10" },
  });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as {
    csrfToken: string;
  };
  const answer = await context.post("/api/auth/callback/password", {
    form: { csrfToken, password: ACCESS_PASSWORD, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(answer.headers().location).not.toContain("error");
  return context;
}

test("every page and API route answers once signed in", async ({ baseURL }) => {
  const context = await signedIn(baseURL ?? "");
  try {
    for (const entry of ALL) {
      const method = entry.methods.includes("GET") ? "GET" : (entry.methods[0] ?? "GET");
      if (method !== "GET") continue; // the webhook's POST: public, tested above
      const response = await context.fetch(entry.url, { method, maxRedirects: 0 });
      const what = `${method} ${entry.url} (${entry.route})`;
      expect(response.status(), what).not.toBe(401);
      expect(response.status(), what).toBeLessThan(500);
      expect(response.headers().location ?? "", what).not.toContain("/sign-in");
    }
  } finally {
    await context.dispose();
  }
});
