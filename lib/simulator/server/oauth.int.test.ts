// The simulator's OAuth web flow and membership endpoints, and the sign-in's membership check
// (lib/access/github-members.ts) against them.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAllowedMember } from "@/lib/access/github-members";
import type { GitHubSignIn } from "@/lib/access/settings";
import { startTestSimulator } from "../testing/start.ts";
import type { RunningSimulator } from "./index.ts";
import { DEFAULT_OAUTH_USERS } from "./oauth-users.ts";

const CLIENT = { clientId: "Iv1.sim", clientSecret: "sim-client-secret" };
const CALLBACK = "http://127.0.0.1:9/api/auth/callback/github";
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator("demo", {
    oauth: { ...CLIENT, users: DEFAULT_OAUTH_USERS, callbackUrl: CALLBACK },
  });
});
afterAll(() => sim.close());

const verifier = "a-code-verifier-of-at-least-forty-three-characters-long";
const challenge = createHash("sha256").update(verifier).digest("base64url");

/** Signs in as `login` on the authorize page; the code GitHub sends back. */
async function codeFor(login: string, scope = "read:user read:org"): Promise<string> {
  const form = new URLSearchParams({
    client_id: CLIENT.clientId,
    redirect_uri: CALLBACK,
    scope,
    state: "st8",
    code_challenge: challenge,
    code_challenge_method: "S256",
    login,
  });
  const response = await fetch(`${sim.url}/login/oauth/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location") ?? "");
  expect(location.searchParams.get("state")).toBe("st8");
  return location.searchParams.get("code") ?? "";
}

async function exchange(code: string, extra: Record<string, string> = {}) {
  const response = await fetch(`${sim.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { Accept: "application/json" },
    body: new URLSearchParams({
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      code,
      redirect_uri: CALLBACK,
      code_verifier: verifier,
      ...extra,
    }),
  });
  expect(response.status).toBe(200); // GitHub answers errors here with 200 too
  return (await response.json()) as Record<string, string>;
}

async function tokenFor(login: string, scope?: string): Promise<string> {
  const body = await exchange(await codeFor(login, scope));
  return body.access_token ?? "";
}

describe("the simulator's OAuth web flow", () => {
  it("shows the people who may sign in, and trades a code once for a gho_ token", async () => {
    const page = await fetch(`${sim.url}/login/oauth/authorize?client_id=${CLIENT.clientId}`);
    expect(await page.text()).toContain("Sign in as octocat");
    const unknown = await fetch(`${sim.url}/login/oauth/authorize?client_id=nope`);
    expect(unknown.status).toBe(404);
    const code = await codeFor("octocat");
    const body = await exchange(code);
    expect(body).toMatchObject({ token_type: "bearer", scope: "read:user,read:org" });
    expect(body.access_token).toMatch(/^gho_[A-Za-z0-9]{36}$/);
    expect((await exchange(code)).error).toBe("bad_verification_code");
    const user = await fetch(`${sim.url}/user`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    expect(await user.json()).toMatchObject({
      login: "octocat",
      name: "The Octocat",
      type: "User",
    });
  });

  it("answers GitHub's documented errors", async () => {
    expect((await exchange(await codeFor("octocat"), { client_secret: "wrong" })).error).toBe(
      "incorrect_client_credentials",
    );
    expect(
      (await exchange(await codeFor("octocat"), { code_verifier: "x".repeat(43) })).error,
    ).toBe("bad_verification_code");
    const cancelled = await fetch(`${sim.url}/login/oauth/authorize`, {
      method: "POST",
      body: new URLSearchParams({
        client_id: CLIENT.clientId,
        redirect_uri: CALLBACK,
        cancel: "1",
      }),
      redirect: "manual",
    });
    expect(new URL(cancelled.headers.get("location") ?? "").searchParams.get("error")).toBe(
      "access_denied",
    );
  });
});

describe("isAllowedMember against the simulator", () => {
  const settings = (orgs: string[], teams: GitHubSignIn["teams"]): GitHubSignIn => ({
    ...CLIENT,
    webUrl: sim.url,
    apiUrl: sim.url,
    orgs,
    teams,
  });

  it("admits active members of an organisation, not invitees or outsiders", async () => {
    const acme = settings(["acme"], []);
    expect(await isAllowedMember(acme, await tokenFor("octocat"), "octocat")).toBe(true);
    expect(await isAllowedMember(acme, await tokenFor("hubot"), "hubot")).toBe(false);
    expect(await isAllowedMember(acme, await tokenFor("mallory"), "mallory")).toBe(false);
    expect(
      await isAllowedMember(settings(["other-org"], []), await tokenFor("octocat"), "octocat"),
    ).toBe(false);
  });

  it("admits members of a team", async () => {
    const team = settings([], [{ org: "acme", slug: "platform" }]);
    expect(await isAllowedMember(team, await tokenFor("octocat"), "octocat")).toBe(true);
    expect(await isAllowedMember(team, await tokenFor("mallory"), "mallory")).toBe(false);
    const other = settings([], [{ org: "acme", slug: "sre" }]);
    expect(await isAllowedMember(other, await tokenFor("octocat"), "octocat")).toBe(false);
  });

  it("refuses a token without read:org (GitHub answers 403)", async () => {
    const token = await tokenFor("octocat", "read:user");
    const response = await fetch(`${sim.url}/user/memberships/orgs/acme`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(403);
    expect(await isAllowedMember(settings(["acme"], []), token, "octocat")).toBe(false);
  });
});
