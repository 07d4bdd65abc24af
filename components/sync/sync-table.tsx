import type { RepoSyncStatus } from "@/lib/sync/status";

const STATE: Record<RepoSyncStatus["state"], { icon: string; label: string; tone: string }> = {
  ok: { icon: "✓", label: "synced", tone: "ok" },
  backfilling: { icon: "↻", label: "backfilling", tone: "warn" },
  waiting: { icon: "…", label: "waiting", tone: "warn" },
  failing: { icon: "✕", label: "failing", tone: "bad" },
};

function ago(iso: string | null, now: number): string {
  if (!iso) return "never";
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

/** Each watched repository's sync: state in words and symbol, last success, backfill, error. */
export function SyncTable({ repositories, now }: { repositories: RepoSyncStatus[]; now: number }) {
  return (
    <div className="table-scroll">
      <table className="sync-table" data-testid="sync-table">
        <caption className="muted">Sync status of each repository</caption>
        <thead>
          <tr>
            <th scope="col">Repository</th>
            <th scope="col">State</th>
            <th scope="col">Last success</th>
            <th scope="col">Backfill</th>
            <th scope="col" className="wide-only">
              Budget left
            </th>
          </tr>
        </thead>
        <tbody>
          {repositories.map((r) => {
            const state = STATE[r.state];
            const { runsExpected, runsSynced, done } = r.backfill;
            const share = done ? 1 : runsExpected ? Math.min(1, runsSynced / runsExpected) : 0;
            return (
              <tr key={r.repo}>
                <th scope="row">
                  <code>{r.repo}</code>
                </th>
                <td data-label="State">
                  <span className={`pill ${state.tone}`}>
                    <span aria-hidden="true">{state.icon}</span>
                    {state.label}
                  </span>
                  {r.lastError && <div className="error-line">{r.lastError}</div>}
                </td>
                <td data-label="Last success" title={r.lastSuccessAt ?? undefined}>
                  {ago(r.lastSuccessAt, now)}
                </td>
                <td data-label="Backfill">
                  <progress value={share} max={1} aria-label={`${r.repo} backfill`} />{" "}
                  <span className="muted">
                    {done
                      ? "done"
                      : runsExpected === null
                        ? "not started"
                        : `${runsSynced.toLocaleString("en-US")}/${runsExpected.toLocaleString("en-US")} runs`}
                  </span>
                </td>
                <td className="wide-only" data-label="Budget left">
                  {r.rateLimitRemaining?.toLocaleString("en-US") ?? "–"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
