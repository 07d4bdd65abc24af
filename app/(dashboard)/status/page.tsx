// /status: what Pipewatch watches and how (configuration), each repository's sync and each alert
// channel's deliveries (polled), and the store. The server reads everything first, so the first paint is complete.
import type { Metadata } from "next";
import { AutoRefresh } from "@/components/auto-refresh";
import { AddRepository } from "@/components/status/add-repository";
import { AlertChannels } from "@/components/status/alert-channels";
import { Configuration } from "@/components/status/configuration";
import { StoreFacts } from "@/components/status/store-facts";
import { SyncPanel } from "@/components/sync/sync-panel";
import { getHomeData } from "@/lib/home";

export const metadata: Metadata = { title: "Sync status" };
export const dynamic = "force-dynamic";

/** The store's facts (database, counts) are server-rendered: re-read them once a minute. */
const STORE_REFRESH_SECONDS = 60;

export default async function StatusPage() {
  const data = await getHomeData();
  const nothingWatched = data.repos.length === 0 && (data.sync?.repositories.length ?? 0) === 0;
  return (
    <main>
      <h1>Sync status</h1>
      {nothingWatched ? (
        <AddRepository githubApiUrl={data.githubApiUrl} hasCredentials={data.hasCredentials} />
      ) : (
        <>
          <section className="card" aria-labelledby="watched-title">
            <h2 id="watched-title">Watched repositories</h2>
            <SyncPanel initial={data.sync} />
          </section>
          <AlertChannels initial={data.sync} />
          <Configuration
            repos={data.repos}
            githubApiUrl={data.githubApiUrl}
            hasCredentials={data.hasCredentials}
            pollIntervalSeconds={data.pollIntervalSeconds}
            backfillDays={data.backfillDays}
          />
        </>
      )}
      <StoreFacts database={data.health.database} summary={data.summary} now={data.now} />
      <AutoRefresh seconds={STORE_REFRESH_SECONDS} />
    </main>
  );
}
