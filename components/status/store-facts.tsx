// The store: whether the database answers, which kind it is, its schema version and what it holds.
import { StatusPill } from "@/components/ui/status-pill";
import { TimeAgo } from "@/components/ui/time-ago";
import type { StoreSummary } from "@/lib/db/summary";
import { formatCount } from "@/lib/format";
import type { Health } from "@/lib/health";
import styles from "./status.module.css";

type Props = { database: Health["database"]; summary: StoreSummary | null; now: number };

export function StoreFacts({ database: db, summary, now }: Props) {
  return (
    <section className="card" aria-labelledby="store-title">
      <h2 id="store-title">Store</h2>
      <dl className="facts">
        <div>
          <dt>Database</dt>
          <dd data-testid="db-status">
            <StatusPill ok={db.reachable} label={db.reachable ? "up" : "unreachable"} />
            {db.latencyMs !== null && (
              <span className={styles.latency} title="Round trip of SELECT 1">
                {db.latencyMs} ms
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Kind</dt>
          <dd>{db.kind === "embedded" ? "Embedded (PGlite)" : "PostgreSQL"}</dd>
        </div>
        <div>
          <dt>Schema version</dt>
          <dd>
            {/* A long migration name breaks after an underscore, not inside a word. */}
            <code>{(db.migration ?? "none").replaceAll("_", "_\u200b")}</code>
            {(db.pendingMigrations ?? 0) > 0 && (
              <div className={styles.note}>{db.pendingMigrations} migration(s) not applied</div>
            )}
          </dd>
        </div>
        {summary && (
          <>
            <div>
              <dt>Repositories</dt>
              <dd>{formatCount(summary.repositories)}</dd>
            </div>
            <div>
              <dt>Workflows</dt>
              <dd>{formatCount(summary.workflows)}</dd>
            </div>
            <div>
              <dt>Workflow runs</dt>
              <dd>{formatCount(summary.runs)}</dd>
            </div>
            <div>
              <dt>Jobs</dt>
              <dd>{formatCount(summary.jobs)}</dd>
            </div>
            <div>
              <dt>Newest run</dt>
              <dd>
                <TimeAgo at={summary.latestRunAt} now={now} never="none yet" />
              </dd>
            </div>
          </>
        )}
      </dl>
      {db.error && (
        <p className={styles.problem} role="alert">
          <span aria-hidden="true">✕ </span>Database: {db.error}. The details are in the server's
          log.
        </p>
      )}
    </section>
  );
}
