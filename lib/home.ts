// The data of the home page: database health, what is configured and what is stored.
import "server-only";
import { getConfig } from "@/lib/config";
import { getStoreSummary, type StoreSummary } from "@/lib/db/summary";
import { getHealth, type Health } from "@/lib/health";

export type HomeData = {
  health: Health;
  repos: string[];
  githubApiUrl: string;
  hasToken: boolean;
  summary: StoreSummary | null;
};

/** Everything the home page shows; the summary is null when the database is down. */
export async function getHomeData(): Promise<HomeData> {
  const config = getConfig();
  const health = await getHealth();
  const summary = health.status === "ok" ? await getStoreSummary() : null;
  return {
    health,
    repos: config.repos.map((r) => `${r.owner}/${r.repo}`),
    githubApiUrl: config.githubApiUrl,
    hasToken: config.githubToken !== undefined,
    summary,
  };
}
