// Discovering and storing repositories and workflows, against the simulator and a real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRepoSelector, type RepoSelector } from "@/lib/config";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { createGitHubClient, type GitHubClient } from "@/lib/github/client";
import type { RunningSimulator } from "@/lib/simulator/server/index";
import { startTestSimulator } from "@/lib/simulator/testing/start";
import { discoverRepositories, RepositoryNotFoundError, saveRepositories } from "./repositories.ts";
import { fetchWorkflows, isDynamicWorkflow, saveWorkflows } from "./workflows.ts";

let database: TestDatabase;
let db: Db;
let sim: RunningSimulator;
let client: GitHubClient;

const selectors = (...entries: string[]) =>
  entries.map((e) => parseRepoSelector(e)).filter((s): s is RepoSelector => s !== null);

beforeAll(async () => {
  [database, sim] = await Promise.all([createTestDatabase(), startTestSimulator("demo")]);
  db = createDb(database.url, { max: 2 });
  client = createGitHubClient({ baseUrl: sim.url, auth: { token: "t" }, retryBaseMs: 10 });
});
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all([database?.drop(), sim?.close()]);
});

describe("discoverRepositories", () => {
  it("expands owner/* to the owner's repositories and keeps each once", async () => {
    const repos = await discoverRepositories(client, selectors("acme/*", "acme/api"));
    expect(repos.map((r) => r.full_name)).toEqual([
      "acme/api",
      "acme/checkout",
      "acme/data-pipeline",
      "acme/images",
      "acme/legacy-tools",
      "acme/mobile",
      "acme/payments",
      "acme/platform",
      "acme/web",
    ]);
  });

  it("says clearly which repository or owner GitHub does not know", async () => {
    await expect(discoverRepositories(client, selectors("acme/nope"))).rejects.toThrow(
      RepositoryNotFoundError,
    );
    await expect(discoverRepositories(client, selectors("nobody/*"))).rejects.toThrow(
      /no organisation or user "nobody"/,
    );
  });
});

describe("saving", () => {
  it("stores repositories and workflows idempotently, and untracks what is no longer selected", async () => {
    const all = await discoverRepositories(client, selectors("acme/*"));
    await saveRepositories(db, all);
    await saveRepositories(db, all);
    expect(await db.repository.count({ where: { tracked: true } })).toBe(9);
    for (const repo of all) {
      await saveWorkflows(
        db,
        repo.id,
        await fetchWorkflows(client, { owner: repo.owner.login, name: repo.name }),
      );
    }
    const legacy = await db.workflow.findFirst({ where: { repo: { name: "legacy-tools" } } });
    expect(legacy?.state).toBe("disabled_inactivity");
    expect(await db.workflow.count()).toBe(12);
    await saveRepositories(
      db,
      all.filter((r) => r.name !== "web"),
    );
    expect(await db.repository.count({ where: { tracked: true } })).toBe(8);
    expect((await db.repository.findFirst({ where: { name: "web" } }))?.tracked).toBe(false);
    expect(await db.workflow.count()).toBe(12); // history is kept
  });

  it("recognises GitHub's generated workflows", () => {
    expect(isDynamicWorkflow("dynamic/dependabot/dependabot-updates")).toBe(true);
    expect(isDynamicWorkflow(".github/workflows/ci.yml")).toBe(false);
  });
});
