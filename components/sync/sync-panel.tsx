// The polling part of the Sync status page: GET /api/v1/sync every 30 s (every 5 s while a first
// sync is under way), starting from the report the server read, so the first paint is complete.
"use client";
import { useState } from "react";
import tables from "@/components/ui/data-table.module.css";
import { useHydrated } from "@/components/ui/time-ago";
import { useSyncQuery } from "@/lib/queries/hooks";
import type { SyncReport } from "@/lib/sync/sync-report";
import styles from "./sync.module.css";
import { isSyncInProgress, summarizeStates } from "./sync-state.ts";
import { SyncTable } from "./sync-table.tsx";

const FOLLOW_MS = 5_000;

export function SyncPanel({ initial }: { initial: SyncReport | null }) {
  // Follow a first sync closely, then relax to the dashboard's pace.
  const [following, setFollowing] = useState(
    initial ? isSyncInProgress(initial.repositories) : false,
  );
  const query = useSyncQuery({
    initialData: initial ?? undefined,
    refetchInterval: following ? FOLLOW_MS : undefined,
  });
  const hydrated = useHydrated();
  const report = query.data;
  const inProgress = report ? isSyncInProgress(report.repositories) : following;
  if (inProgress !== following) setFollowing(inProgress);

  if (!report) {
    return query.isError ? (
      <p className={tables.problem} role="alert">
        <span aria-hidden="true">✕ </span>
        The sync status cannot be read: {query.error.message}.
      </p>
    ) : (
      <p className={styles.summary} aria-busy="true">
        Reading the sync status…
      </p>
    );
  }
  const now = Date.parse(report.generatedAt);
  return (
    <>
      <p className={styles.summary} aria-live="polite">
        {report.repositories.length === 0
          ? "No repository synced yet."
          : `${report.repositories.length} ${report.repositories.length === 1 ? "repository" : "repositories"}: ${summarizeStates(report.repositories)}.`}
        {hydrated && inProgress && (
          <span className={tables.sub}> Checking every 5 s while a first sync runs.</span>
        )}
      </p>
      {query.isError && (
        <p className={tables.problem} role="alert">
          <span aria-hidden="true">! </span>
          Could not refresh ({query.error.message}); showing the status read before.
        </p>
      )}
      {report.repositories.length > 0 && <SyncTable repositories={report.repositories} now={now} />}
    </>
  );
}
