// The pipeline page before its first data, and when the API could not give it: the API's own
// message, and a way to try again.
"use client";
import Link from "next/link";
import { ApiRequestError } from "@/lib/queries/fetch-json";
import styles from "./pipeline.module.css";

export function LoadingPipeline() {
  return (
    <main className={styles.page} aria-busy="true">
      <section className="card" role="status">
        <h1 className={styles.placeholderTitle}>Loading the pipeline…</h1>
        <p className="muted">Reading its runs, flags and numbers.</p>
      </section>
    </main>
  );
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const api = error instanceof ApiRequestError ? error : null;
  return (
    <main className={styles.page}>
      <section
        className="card"
        role="alert"
        aria-labelledby="load-error-title"
        data-testid="pipeline-error"
      >
        <h1 id="load-error-title">
          {api?.status === 404 ? "No such pipeline" : "This pipeline could not be loaded"}
        </h1>
        <p>
          {api ? (
            <>
              The API answered <strong>{api.status}</strong>: {api.message}
            </>
          ) : (
            "The Pipewatch server could not be reached."
          )}
        </p>
        <p className={styles.actions}>
          <button type="button" onClick={onRetry}>
            Try again
          </button>
          <Link href="/">Back to the overview</Link>
        </p>
      </section>
    </main>
  );
}
