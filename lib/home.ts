// What Pipewatch is set up to do and what it holds: the database's health, the configuration
// that decides what is watched, the store's counts and each repository's sync. The Sync status
// page (/status) shows all of it; the Overview uses it to explain a first run.
import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { getStoreSummary, type StoreSummary } from "@/lib/db/summary";
import { getHealth, type Health } from "@/lib/health";
import { getLogger } from "@/lib/log/log";
import { getSyncReport, type SyncReport } from "@/lib/sync/sync-report";

export type HomeData = {
  health: Health;
  /** PIPEWATCH_REPOS as configured: `owner/name` or `owner/*`. */
  repos: string[];
  githubApiUrl: string;
  /** Whether a GITHUB_TOKEN or a GitHub App is set (never the values). */
  hasCredentials: boolean;
  pollIntervalSeconds: number;
  backfillDays: number;
  /** PIPEWATCH_TEST_REPORT_PATTERN: artifacts read as JUnit reports. */
  testReportPattern: string;
  /** Null when the database is down. */
  summary: StoreSummary | null;
  /** Each repository's sync; null when the database is down or the report unreadable. */
  sync: SyncReport | null;
  /** When the data was read (the page renders relative times from it). */
  now: number;
};

/** The configuration, the store and the sync; the database parts are null when it is down. */
export async function getHomeData(): Promise<HomeData> {
  const config = getConfig();
  const health = await getHealth();
  const up = health.status !== "error";
  const [summary, sync] = up
    ? await Promise.all([
        getStoreSummary(),
        getSyncReport(getDb(), config.pollIntervalSeconds * 1000).catch((error: unknown) => {
          getLogger().error({ err: error }, "the sync report could not be read");
          return null;
        }),
      ])
    : [null, null];
  return {
    health,
    repos: config.repos.map((r) => `${r.owner}/${r.repo}`),
    githubApiUrl: config.githubApiUrl,
    hasCredentials: config.githubToken !== undefined || config.githubApp !== undefined,
    pollIntervalSeconds: config.pollIntervalSeconds,
    backfillDays: config.backfillDays,
    testReportPattern: config.testReportPattern.source,
    summary,
    sync,
    now: Date.now(),
  };
}
