// The Overview's states besides its table: the API's error (with its message and a retry), a
// refresh that failed while older data stays on screen, filters that hide every pipeline, and
// repositories configured whose first sync has not found a pipeline yet.
"use client";
import Link from "next/link";
import styles from "./overview.module.css";

export function LoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <section className={styles.errorCard} role="alert" aria-labelledby="overview-error">
      <h2 id="overview-error">The pipelines could not be loaded</h2>
      <p>
        The server answered: <q>{error.message}</q>
      </p>
      <button type="button" className={styles.button} onClick={onRetry}>
        Try again
      </button>
    </section>
  );
}

export function RefreshFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  return (
    <p className={styles.notice} role="status">
      <strong>The last refresh failed</strong> ({error.message}): the numbers below are from the
      time shown above.{" "}
      <button type="button" className={styles.linkButton} onClick={onRetry}>
        Retry now
      </button>
    </p>
  );
}

export function NoMatch({ onClear }: { onClear: () => void }) {
  return (
    <section className={styles.emptyCard} data-testid="no-match">
      <h2>No pipeline matches these filters</h2>
      <p>
        <button type="button" className={styles.button} onClick={onClear}>
          Clear the filters
        </button>
      </p>
    </section>
  );
}

export function FirstSync({ configured }: { configured: string[] }) {
  return (
    <section className={styles.emptyCard} data-testid="first-sync">
      <h2>No pipelines yet</h2>
      {configured.length > 0 ? (
        <p>
          Pipewatch is reading the Actions history of <code>{configured.join(", ")}</code>. Each
          workflow appears here once the first sync of its repository finds it; this page follows
          along by itself. <Link href="/status">Sync status</Link> shows the progress.
        </p>
      ) : (
        <p>
          The watched repositories have no workflow yet. <Link href="/status">Sync status</Link>{" "}
          shows what was found.
        </p>
      )}
    </section>
  );
}
