// Each repository's sync: state in words and symbol, last sync (relative and exact), backfill
// progress, runs stored, API budget and its reset, and the last error in full, readable.
import a11y from "@/components/ui/a11y.module.css";
import tables from "@/components/ui/data-table.module.css";
import { StatusPill } from "@/components/ui/status-pill";
import { LocalTime, TimeAgo } from "@/components/ui/time-ago";
import { formatCount, formatDay, formatPercent, formatUtc } from "@/lib/format";
import type { RepoSyncReport } from "@/lib/sync/sync-report";
import styles from "./sync.module.css";
import { SYNC_STATES } from "./sync-state.ts";

const COLUMNS = 6;

export function SyncTable({ repositories, now }: { repositories: RepoSyncReport[]; now: number }) {
  return (
    <div className={tables.scroll}>
      <table className={`${tables.table} ${styles.table}`} data-testid="sync-table">
        <caption className={a11y.srOnly}>Sync status of each repository</caption>
        <thead>
          <tr>
            <th scope="col">Repository</th>
            <th scope="col">State</th>
            <th scope="col">Last sync</th>
            <th scope="col">Backfill</th>
            <th scope="col" className={styles.number}>
              Runs stored
            </th>
            <th scope="col">API budget</th>
          </tr>
        </thead>
        {repositories.map((r) => (
          <SyncRow key={r.repo} repo={r} now={now} />
        ))}
      </table>
    </div>
  );
}

/** One repository: a tbody, so its error line stays with it. */
function SyncRow({ repo: r, now }: { repo: RepoSyncReport; now: number }) {
  const state = SYNC_STATES[r.state];
  const attemptedSince = r.lastAttemptAt && (!r.lastSuccessAt || r.lastAttemptAt > r.lastSuccessAt);
  return (
    <tbody className={styles.repo} data-testid="sync-row" data-repo={r.repo} data-state={r.state}>
      <tr>
        <th scope="row">
          <code>{r.repo}</code>
        </th>
        <td data-label="State">
          <div>
            <StatusPill
              tone={state.tone}
              icon={state.icon}
              label={state.label}
              title={state.meaning}
            />
            {r.consecutiveFailures > 0 && (
              <div className={tables.sub}>
                {r.consecutiveFailures === 1
                  ? "last sync failed"
                  : `${r.consecutiveFailures} syncs failed in a row`}
              </div>
            )}
          </div>
        </td>
        <td data-label="Last sync">
          <div>
            <TimeAgo at={r.lastSuccessAt} now={now} never="never succeeded" />
            {r.lastSuccessAt && (
              <div className={tables.sub}>
                <LocalTime at={r.lastSuccessAt} now={now} />
              </div>
            )}
            {attemptedSince && r.lastAttemptAt && (
              <div className={tables.sub}>
                tried <TimeAgo at={r.lastAttemptAt} now={now} />
              </div>
            )}
          </div>
        </td>
        <td data-label="Backfill">
          <Backfill repo={r} now={now} />
        </td>
        <td data-label="Runs stored" className={styles.number}>
          <div>{formatCount(r.runsStored)}</div>
        </td>
        <td data-label="API budget">
          <Budget api={r.api} now={now} />
        </td>
      </tr>
      {r.lastError && (
        <tr className={styles.errorRow}>
          <td colSpan={COLUMNS} data-label="Last error">
            <div className={styles.error}>
              <strong>
                <span aria-hidden="true">✕ </span>Last error
              </strong>
              <p>{r.lastError}</p>
            </div>
          </td>
        </tr>
      )}
    </tbody>
  );
}

function Backfill({ repo: r, now }: { repo: RepoSyncReport; now: number }) {
  const { progress, runsExpected, runsSynced, doneAt, from } = r.backfill;
  const known = doneAt !== null || runsExpected !== null;
  const runs =
    runsExpected === null
      ? `${formatCount(runsSynced)} runs`
      : `${formatCount(runsSynced)} of ${formatCount(runsExpected)} runs`;
  const percent = formatPercent(progress);
  return (
    <div className={styles.backfill}>
      <progress
        max={100}
        // Indeterminate before the first sync knows how many runs to read.
        value={known ? Math.round(progress * 1000) / 10 : undefined}
        aria-label={`${r.repo} backfill`}
        aria-valuetext={known ? `${percent}, ${runs}` : "not started"}
      />
      <span>{known ? percent : "not started"}</span>
      <div className={tables.sub}>
        {doneAt ? (
          <>
            done <TimeAgo at={doneAt} now={now} />
          </>
        ) : (
          runs
        )}
        {from && (
          <>
            {" · from "}
            <time dateTime={from} title={formatUtc(from)}>
              {formatDay(from, { timeZone: "UTC", now })}
            </time>
          </>
        )}
      </div>
    </div>
  );
}

function Budget({ api, now }: { api: RepoSyncReport["api"]; now: number }) {
  return (
    <div>
      <div title="Requests GitHub last said are left; shared by every repository on the same credentials">
        {api.remaining === null ? "unknown" : `${formatCount(api.remaining)} left`}
      </div>
      {api.remaining !== null && api.resetAt && (
        <div className={tables.sub}>
          resets <TimeAgo at={api.resetAt} now={now} />
        </div>
      )}
      <div className={tables.sub}>{formatCount(api.requestsSpent)} spent in all</div>
    </div>
  );
}
