// The banner on every page when the numbers may be old: a repository whose data is stale (the
// stale_data flag) or whose sync is failing, or the API itself unreachable. Pipewatch never
// shows old numbers as if they were new.
"use client";
import Link from "next/link";
import type { ListedFlag } from "@/lib/metrics/flag-list";
import { ApiRequestError } from "@/lib/queries/fetch-json";
import { useFlagsQuery, useSyncQuery } from "@/lib/queries/hooks";
import type { SyncReport } from "@/lib/sync/sync-report";
import styles from "./layout.module.css";

type Props = {
  initialStale?: { flags: ListedFlag[] };
  initialSync?: SyncReport;
};

export function DataBanner({ initialStale, initialSync }: Props) {
  const stale = useFlagsQuery({ kind: "stale_data" }, { initialData: initialStale });
  const sync = useSyncQuery({ initialData: initialSync });
  const staleRepos = stale.data?.flags.map((f) => f.repo) ?? [];
  const failing =
    sync.data?.repositories.filter((r) => r.tracked && r.state === "failing").map((r) => r.repo) ??
    [];
  // Refused (401/403) is not unreachable: a read-only digest link opens its page, not the API.
  const unreachable = isUnreachable(stale.error) && isUnreachable(sync.error);
  if (!unreachable && staleRepos.length === 0 && failing.length === 0) return null;
  return (
    <div className={styles.banner} role="alert" data-testid="data-banner">
      <strong>
        <span aria-hidden="true">⚠ </span>
        {unreachable ? "The Pipewatch server cannot be reached" : "Some data may be out of date"}
      </strong>
      <span>
        {unreachable
          ? ": the numbers shown are from the last successful refresh."
          : explain(staleRepos, failing)}{" "}
        <Link href="/status">Sync status</Link>
      </span>
    </div>
  );
}

/** Whether a failed request means the server cannot be reached (a refusal does not). */
export function isUnreachable(error: Error | null): boolean {
  return error !== null && !(error instanceof ApiRequestError && [401, 403].includes(error.status));
}

function explain(staleRepos: string[], failing: string[]): string {
  const parts: string[] = [];
  if (staleRepos.length > 0)
    parts.push(`stale data for ${list(staleRepos)} (not synced for three poll intervals)`);
  const failingOnly = failing.filter((repo) => !staleRepos.includes(repo));
  if (failingOnly.length > 0) parts.push(`the last sync of ${list(failingOnly)} failed`);
  return `: ${parts.join("; ")}.`;
}

function list(repos: string[]): string {
  return repos.length <= 3
    ? repos.join(", ")
    : `${repos.slice(0, 3).join(", ")} and ${repos.length - 3} more`;
}
