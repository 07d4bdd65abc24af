// The data of the home page: database health, what is configured and what is stored.
import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getStoreSummary, type StoreSummary } from "@/lib/db/summary";
import { getHealth, type Health } from "@/lib/health";
import { getSyncStatus, type SyncStatus } from "@/lib/sync/status";

export type HomeData = {
  health: Health;
  repos: string[];
  githubApiUrl: string;
  hasCredentials: boolean;
  summary: StoreSummary | null;
  /** Each repository's sync; null when the database is down. */
  sync: SyncStatus | null;
  /** When the data was read (the page renders relative times from it). */
  now: number;
};

/** Everything the home page shows; the summary is null when the database is down. */
export async function getHomeData(): Promise<HomeData> {
  const config = getConfig();
  const health = await getHealth();
  const summary = health.status === "error" ? null : await getStoreSummary();
  const sync =
    health.status === "error"
      ? null
      : await getSyncStatus(getDb(), config.pollIntervalSeconds * 1000);
  return {
    health,
    repos: config.repos.map((r) => `${r.owner}/${r.repo}`),
    githubApiUrl: config.githubApiUrl,
    hasCredentials: config.githubToken !== undefined || config.githubApp !== undefined,
    summary,
    sync,
    now: Date.now(),
  };
}
