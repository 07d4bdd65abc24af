// Before the dashboard's tests: the demo app's first sync of the simulator must be complete
// (every repository synced once), so its flags have been evaluated. About 3 to 5 minutes.
import { expect, test as setup } from "@playwright/test";

type Sync = { repositories: { repo: string; tracked: boolean; lastSuccessAt: string | null }[] };

setup("the demo's first sync completes", async ({ request }) => {
  setup.setTimeout(15 * 60_000);
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/v1/sync");
        if (!response.ok()) return `HTTP ${response.status()}`;
        const { repositories } = (await response.json()) as Sync;
        const waiting = repositories.filter((r) => r.tracked && r.lastSuccessAt === null);
        return repositories.length === 0
          ? "no repository yet"
          : waiting.length === 0
            ? "synced"
            : `waiting for ${waiting.map((r) => r.repo).join(", ")}`;
      },
      { timeout: 14 * 60_000, intervals: [5_000] },
    )
    .toBe("synced");
});
