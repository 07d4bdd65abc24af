// The pipeline page for a URL whose window or branch the API refuses: its message, and the way
// back to the default scope.
import Link from "next/link";

type Props = { id: string; message: string; parameter: string };

export function ScopeError({ id, message, parameter }: Props) {
  return (
    <main>
      <section
        className="card"
        role="alert"
        aria-labelledby="scope-error-title"
        data-testid="pipeline-error"
      >
        <h1 id="scope-error-title">This view cannot be shown</h1>
        <p>
          The <code>{parameter}</code> in the address is not one Pipewatch understands: {message}.
        </p>
        <p>
          <Link href={`/pipelines/${encodeURIComponent(id)}`}>
            Show the pipeline over the last 30 days on its default branch
          </Link>
        </p>
      </section>
    </main>
  );
}
