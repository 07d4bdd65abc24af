// The pipeline page when rendering it failed unexpectedly: say so, and offer to try again.
"use client";

export default function PipelineError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <main>
      <section className="card" role="alert" aria-labelledby="error-title">
        <h1 id="error-title">This pipeline could not be shown</h1>
        <p>
          Something went wrong while reading it. The server's log has the details; the numbers may
          be back in a moment.
        </p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </section>
    </main>
  );
}
