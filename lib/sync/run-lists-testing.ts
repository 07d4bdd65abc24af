// For the run-list tests (runs.int.test.ts, run-lists-malformed.int.test.ts): a test database
// and a simulator, one repository of it stored with its workflows, and a sync context on them.
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { createGitHubClient, type Exchange, type GitHubClient } from "@/lib/github/client";
import type { SimulatorOptions } from "@/lib/simulator/server/index";
import { startTestSimulator, TEST_NOW } from "@/lib/simulator/testing/start";
import { DEFAULT_SYNC_OPTIONS, type SyncContext, type SyncRepo } from "./context.ts";
import { saveRepositories } from "./repositories.ts";
import { fetchWorkflows, saveWorkflows } from "./workflows.ts";

export type RunListBench = {
  db: Db;
  client: GitHubClient;
  ctx: SyncContext;
  repo: SyncRepo;
  /** Disconnects, drops the database and stops the simulator. */
  close: () => Promise<void>;
};

/** Starts `scenario` and stores acme/`name` with its workflows; the context logs to `log`. */
export async function startRunListBench(
  scenario: string,
  name: string,
  options: {
    simulator?: Partial<SimulatorOptions>;
    onExchange?: (exchange: Exchange) => void;
    log?: (line: string) => void;
  } = {},
): Promise<RunListBench> {
  const [database, sim] = await Promise.all([
    createTestDatabase(),
    startTestSimulator(scenario, options.simulator),
  ]);
  const db = createDb(database.url, { max: 4 });
  const client = createGitHubClient({
    baseUrl: sim.url,
    auth: { token: "t" },
    retryBaseMs: 10,
    onExchange: options.onExchange,
  });
  const { data } = await client.rest.repos.get({ owner: "acme", repo: name });
  const repo = { id: data.id, owner: "acme", name, fullName: `acme/${name}` };
  await saveRepositories(db, [data as never]);
  await saveWorkflows(db, data.id, await fetchWorkflows(client, repo));
  const ctx: SyncContext = {
    db,
    client,
    options: DEFAULT_SYNC_OPTIONS,
    now: () => new Date(TEST_NOW),
    log: options.log ?? (() => undefined),
  };
  const close = async () => {
    await db.$disconnect();
    await Promise.all([database.drop(), sim.close()]);
  };
  return { db, client, ctx, repo, close };
}
