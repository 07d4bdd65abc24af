// Client providers against the simulator's GitHub App: installations looked up per owner or
// named, installation tokens fetched through the counted client, and clear errors for an owner
// without the App, a wrong key, an unreadable key file or no credentials at all.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Environment, loadConfig } from "@/lib/config";
import { UserError } from "@/lib/errors";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { generateAppKeys } from "@/lib/simulator/testing/app";
import { startTestSimulator } from "@/lib/simulator/testing/start";
import { createClientProvider } from "./auth.ts";
import type { Exchange } from "./client.ts";

const APP_ID = 4242;
const INSTALLATION_ID = 777;
const keys = generateAppKeys();
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startTestSimulator("demo", {
    app: {
      appId: APP_ID,
      publicKeyPem: keys.publicKeyPem,
      installations: [{ id: INSTALLATION_ID, account: "acme" }],
    },
  });
});
afterAll(async () => {
  await sim?.close();
});

function provider(env: Environment) {
  const exchanges: Exchange[] = [];
  const config = loadConfig({ GITHUB_API_URL: sim.url, ...env });
  const created = createClientProvider(config, {
    retryBaseMs: 10,
    onExchange: (exchange) => exchanges.push(exchange),
  });
  return { provider: created, exchanges, endpoints: () => exchanges.map((e) => e.endpoint) };
}

const app = (env: Environment = {}) =>
  provider({ GITHUB_APP_ID: String(APP_ID), GITHUB_APP_PRIVATE_KEY: keys.privateKeyPem, ...env });

describe("createClientProvider as a GitHub App", () => {
  it("looks up the owner's installation once and reads its repositories", async () => {
    const { provider: p, exchanges, endpoints } = app();
    expect(p.kind).toBe("app");
    const [client, same] = await Promise.all([p.forOwner("acme"), p.forOwner("ACME")]);
    expect(same).toBe(client);
    const { data } = await client.rest.repos.get({ owner: "acme", repo: "api" });
    expect(data.full_name).toBe("acme/api");
    expect(await p.forOwner("acme")).toBe(client);
    expect(endpoints()).toEqual([
      "GET /users/{owner}/installation",
      "POST /app/installations/{id}/access_tokens",
      "GET /repos/{owner}/{repo}",
    ]);
    expect(exchanges.map((e) => e.status)).toEqual([200, 201, 200]);
  });

  it("uses GITHUB_APP_INSTALLATION_ID without a lookup", async () => {
    const { provider: p, endpoints } = app({ GITHUB_APP_INSTALLATION_ID: String(INSTALLATION_ID) });
    const client = await p.forOwner("acme");
    await client.rest.actions.listRepoWorkflows({ owner: "acme", repo: "api" });
    expect(await p.forOwner("anyone")).toBe(client);
    expect(endpoints()).toEqual([
      "POST /app/installations/{id}/access_tokens",
      "GET /repos/{owner}/{repo}/actions/workflows",
    ]);
  });

  it("reads the private key from GITHUB_APP_PRIVATE_KEY_PATH", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "pipewatch-app-")), "app.pem");
    writeFileSync(file, keys.privateKeyPem);
    const { provider: p } = provider({
      GITHUB_APP_ID: String(APP_ID),
      GITHUB_APP_PRIVATE_KEY_PATH: file,
    });
    const client = await p.forOwner("acme");
    expect((await client.rest.repos.get({ owner: "acme", repo: "api" })).status).toBe(200);
  });

  it("says when the App is not installed on an owner, and asks again later", async () => {
    const { provider: p, endpoints } = app();
    const notInstalled = `The GitHub App ${APP_ID} is not installed on initech`;
    await expect(p.forOwner("initech")).rejects.toThrow(new UserError(notInstalled));
    await expect(p.forOwner("initech")).rejects.toBeInstanceOf(UserError);
    expect(endpoints()).toEqual([
      "GET /users/{owner}/installation",
      "GET /users/{owner}/installation",
    ]);
    const named = app({ GITHUB_APP_INSTALLATION_ID: "999" }).provider;
    await expect(named.forOwner("acme")).rejects.toThrow(
      `GitHub App ${APP_ID} has no installation 999`,
    );
  });

  it("says when GitHub refuses the App's key (401), without printing the key", async () => {
    const wrong = generateAppKeys().privateKeyPem;
    for (const env of [{}, { GITHUB_APP_INSTALLATION_ID: String(INSTALLATION_ID) }]) {
      const { provider: p, exchanges } = app({ GITHUB_APP_PRIVATE_KEY: wrong, ...env });
      const error: unknown = await p.forOwner("acme").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      const message = (error as Error).message;
      expect(message).toContain(`GitHub App ${APP_ID}`);
      expect(message).toContain("401 A JSON web token could not be decoded");
      expect(message).not.toContain("PRIVATE KEY");
      expect(exchanges.map((e) => e.status)).toEqual([401]);
    }
  });

  it("names an unreadable or invalid key file, never its content", () => {
    const missing = path.join(tmpdir(), "pipewatch-no-such-dir", "app.pem");
    const env = { GITHUB_API_URL: sim.url, GITHUB_APP_ID: String(APP_ID) };
    expect(() =>
      createClientProvider(loadConfig({ ...env, GITHUB_APP_PRIVATE_KEY_PATH: missing })),
    ).toThrow(
      new UserError(`Cannot read the GitHub App private key from ${missing}: no such file`, 2),
    );
    const garbage = path.join(mkdtempSync(path.join(tmpdir(), "pipewatch-app-")), "app.pem");
    writeFileSync(
      garbage,
      "-----BEGIN RSA PRIVATE KEY-----\nsecret-ish\n-----END RSA PRIVATE KEY-----\n",
    );
    const invalid = () =>
      createClientProvider(loadConfig({ ...env, GITHUB_APP_PRIVATE_KEY_PATH: garbage }));
    expect(invalid).toThrow(UserError);
    expect(invalid).toThrow(
      `GITHUB_APP_PRIVATE_KEY_PATH (${garbage}) does not hold a PEM private key`,
    );
    expect(invalid).not.toThrow("secret-ish");
  });
});

describe("createClientProvider with a token", () => {
  it("gives every owner the same token client", async () => {
    const { provider: p, endpoints } = provider({ GITHUB_TOKEN: "t" });
    expect(p.kind).toBe("token");
    const client = await p.forOwner("acme");
    expect(await p.forOwner("someone-else")).toBe(client);
    expect((await client.rest.repos.get({ owner: "acme", repo: "api" })).status).toBe(200);
    expect(endpoints()).toEqual(["GET /repos/{owner}/{repo}"]);
  });

  it("asks for credentials when there are none", () => {
    expect(() => createClientProvider(loadConfig({ GITHUB_API_URL: sim.url }))).toThrow(
      new UserError("Set GITHUB_TOKEN, or GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY(_PATH)", 2),
    );
  });
});
