// The simulator's GitHub App endpoints over HTTP: installations found with the App's JWT, JWTs
// and tokens refused with GitHub's 401s, installation tokens issued and then accepted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateAppKeys, signAppJwt } from "../testing/app.ts";
import { startTestSimulator } from "../testing/start.ts";
import { JWT_EXPIRED, JWT_UNDECODABLE } from "./app-jwt.ts";
import type { RunningSimulator } from "./index.ts";

const APP_ID = 4242;
const keys = generateAppKeys();
const running: RunningSimulator[] = [];
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator("demo", {
    app: {
      appId: APP_ID,
      publicKeyPem: keys.publicKeyPem,
      installations: [{ id: 777, account: "acme" }],
    },
  });
  running.push(sim);
});
afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
});

async function call(path: string, authorization?: string, method = "GET", base = sim.url) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: authorization ? { authorization } : {},
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const jwt = (claims: Record<string, unknown> = {}) =>
  `Bearer ${signAppJwt(keys.privateKeyPem, APP_ID, claims)}`;

describe("GitHub App endpoints", () => {
  it("find the installation by user, organisation and repository with the App's JWT", async () => {
    for (const path of [
      "/users/acme/installation",
      "/orgs/ACME/installation",
      "/repos/acme/api/installation",
    ]) {
      const { status, body } = await call(path, jwt());
      expect(status, path).toBe(200);
      expect(body).toMatchObject({
        id: 777,
        app_id: APP_ID,
        account: { login: "acme", type: "Organization" },
        target_type: "Organization",
        repository_selection: "all",
        access_tokens_url: `${sim.url}/app/installations/777/access_tokens`,
        suspended_at: null,
      });
    }
  });

  it("answer 404 where the App is not installed", async () => {
    const user = await call("/users/initech/installation", jwt());
    expect(user.status).toBe(404);
    expect(user.body).toMatchObject({
      message: "Not Found",
      documentation_url: expect.stringContaining(
        "#get-a-user-installation-for-the-authenticated-app",
      ),
    });
    expect((await call("/repos/acme/no-such-repo/installation", jwt())).status).toBe(404);
    const token = await call("/app/installations/999/access_tokens", jwt(), "POST");
    expect(token.status).toBe(404);
  });

  it("refuse tokens, missing and bad JWTs with GitHub's 401 body", async () => {
    const withToken = await call("/users/acme/installation", "token t");
    expect(withToken.status).toBe(401);
    expect(withToken.body).toEqual({
      message: JWT_UNDECODABLE,
      documentation_url: "https://docs.github.com/rest",
      status: "401",
    });
    const none = await call("/users/acme/installation");
    expect(none.body.message).toBe("Requires authentication");
    const now = Math.floor(Date.now() / 1000);
    const expired = await call("/users/acme/installation", jwt({ iat: now - 900, exp: now - 60 }));
    expect(expired).toMatchObject({ status: 401, body: { message: JWT_EXPIRED } });
    const otherKey = generateAppKeys().privateKeyPem;
    const forged = await call("/users/acme/installation", `Bearer ${signAppJwt(otherKey, APP_ID)}`);
    expect(forged).toMatchObject({ status: 401, body: { message: JWT_UNDECODABLE } });
  });

  it("issue installation tokens that the API accepts, on the installation's budget", async () => {
    const first = await call("/app/installations/777/access_tokens", jwt(), "POST");
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      token: expect.stringMatching(/^ghs_[A-Za-z0-9]{36}$/),
      expires_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      permissions: { actions: "read", deployments: "read", metadata: "read" },
      repository_selection: "all",
    });
    const lifetime = Date.parse(first.body.expires_at) - Date.now();
    expect(lifetime).toBeGreaterThan(3500_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000);

    const repo = await call("/repos/acme/api", `token ${first.body.token}`);
    expect(repo.status).toBe(200);
    const remaining = Number(repo.headers.get("x-ratelimit-remaining"));
    // A second token of the same installation draws on the same budget.
    const second = await call("/app/installations/777/access_tokens", jwt(), "POST");
    const again = await call("/repos/acme/api", `Bearer ${second.body.token}`);
    expect(again.status).toBe(200);
    expect(Number(again.headers.get("x-ratelimit-remaining"))).toBe(remaining - 1);
  });

  it("still refuse unknown tokens and the wrong method", async () => {
    const fake = await call("/repos/acme/api", "token ghs_000000000000000000000000000000000000");
    expect(fake).toMatchObject({ status: 401, body: { message: "Bad credentials" } });
    expect((await call("/app/installations/777/access_tokens", jwt())).status).toBe(404);
  });

  it("answer 401 when the simulator has no App", async () => {
    const plain = await startTestSimulator("healthy", { days: 5 });
    running.push(plain);
    const answer = await call("/users/acme/installation", jwt(), "GET", plain.url);
    expect(answer).toMatchObject({ status: 401, body: { message: JWT_UNDECODABLE } });
  });
});
