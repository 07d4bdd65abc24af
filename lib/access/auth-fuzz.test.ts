// GET and POST /api/auth/* (Auth.js, access control on: password and GitHub) under generated
// input: known and random actions and providers, form and random bodies, query strings. Never a
// 5xx or a throw, and no answer carries a secret. FUZZ_SEED replays a failure.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const SECRETS = {
  PIPEWATCH_PASSWORD: "fuzz correct horse battery",
  AUTH_SECRET: "fuzz-auth-secret-0123456789abcdefghijklmnop",
  AUTH_GITHUB_SECRET: "fuzz-github-client-secret",
};

type Handler = (request: NextRequest) => Promise<Response>;
let GET: Handler, POST: Handler;

beforeAll(async () => {
  for (const [name, value] of Object.entries(SECRETS)) vi.stubEnv(name, value);
  vi.stubEnv("AUTH_GITHUB_ID", "fuzz-client");
  vi.stubEnv("PIPEWATCH_GITHUB_ORGS", "acme");
  // Nothing listens there: a callback that gets as far as GitHub fails, and must fail cleanly.
  vi.stubEnv("PIPEWATCH_GITHUB_WEB_URL", "http://127.0.0.1:9");
  vi.stubEnv("GITHUB_API_URL", "http://127.0.0.1:9");
  vi.stubEnv("PIPEWATCH_PUBLIC_URL", "http://127.0.0.1:3000");
  ({ GET, POST } = await import("@/app/api/auth/[...nextauth]/route"));
});

const segment = fc.oneof(
  fc.constantFrom("session", "csrf", "providers", "signin", "signout", "callback", "error"),
  fc.constantFrom("password", "github", "credentials", "", ".."),
  fc.stringMatching(/^[\w.~-]{0,12}$/),
);
const field = fc.constantFrom("password", "csrfToken", "callbackUrl", "code", "state", "error");
const form = fc.dictionary(
  field,
  fc.oneof(fc.string({ maxLength: 40 }), fc.constant(SECRETS.PIPEWATCH_PASSWORD)),
);

const request = fc.record({
  method: fc.constantFrom("GET", "POST"),
  path: fc.array(segment, { minLength: 0, maxLength: 3 }),
  query: form,
  body: fc.oneof(
    form.map((values) => ({
      type: "application/x-www-form-urlencoded",
      text: new URLSearchParams(values).toString(),
    })),
    fc.string({ maxLength: 200 }).map((text) => ({ type: "application/json", text })),
    fc.string({ maxLength: 200 }).map((text) => ({ type: "text/plain", text })),
  ),
});

describe("/api/auth/* under generated input", () => {
  it("never answers 5xx, never throws, never shows a secret", async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, query, body }) => {
        const url = new URL(`http://127.0.0.1:3000/api/auth/${path.join("/")}`);
        for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
        const init =
          method === "POST"
            ? { method, body: body.text, headers: { "content-type": body.type } }
            : { method };
        const response = await (method === "POST" ? POST : GET)(new NextRequest(url, init));
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(response.status, `${method} ${url}`).toBeLessThan(500);
        const text = `${await response.text()} ${[...response.headers.values()].join(" ")}`;
        // A value the request itself sent may come back (an ?error= echoed in a redirect).
        const sent = `${url.pathname} ${JSON.stringify(query)} ${method === "POST" ? body.text : ""}`;
        for (const secret of Object.values(SECRETS))
          if (!sent.includes(secret)) expect(text).not.toContain(secret);
      }),
      { seed: SEED, numRuns: 300 },
    );
    // Not everything refused: the generator reaches Auth.js's real answers.
    expect([...statuses.keys()].some((status) => status < 300)).toBe(true);
  }, 120_000);
});
