// Before the dashboard's tests: the demo app's first sync of the simulator must be complete
// (every repository synced once), and its flags evaluated. About 3 to 5 minutes.
import { type APIRequestContext, expect, test as setup } from "@playwright/test";

type Sync = { repositories: { repo: string; tracked: boolean; lastSuccessAt: string | null }[] };

async function trackedRepositories(request: APIRequestContext) {
  const response = await request.get("/api/v1/sync");
  if (!response.ok()) return null;
  return ((await response.json()) as Sync).repositories.filter((r) => r.tracked);
}

setup("the demo's first sync completes", async ({ request }) => {
  setup.setTimeout(18 * 60_000);
  const first = new Map<string, string>();
  await expect
    .poll(
      async () => {
        const repositories = await trackedRepositories(request);
        if (!repositories) return "no answer";
        const waiting = repositories.filter((r) => r.lastSuccessAt === null);
        if (repositories.length === 0) return "no repository yet";
        if (waiting.length > 0) return `waiting for ${waiting.map((r) => r.repo).join(", ")}`;
        for (const r of repositories) first.set(r.repo, r.lastSuccessAt ?? "");
        return "synced";
      },
      { timeout: 14 * 60_000, intervals: [5_000] },
    )
    .toBe("synced");
  // A repository's sync is recorded first and its flags evaluated just after: once each one has
  // synced again, the flags of its first sync are in.
  await expect
    .poll(
      async () => {
        const repositories = (await trackedRepositories(request)) ?? [];
        const waiting = repositories.filter((r) => r.lastSuccessAt === first.get(r.repo));
        return waiting.length === 0 ? "flags evaluated" : `waiting for ${waiting.length} more`;
      },
      { timeout: 3 * 60_000, intervals: [5_000] },
    )
    .toBe("flags evaluated");
});
