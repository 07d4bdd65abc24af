// The pipeline page for an id that is not a workflow of a tracked repository.
import Link from "next/link";

export default function PipelineNotFound() {
  return (
    <main>
      <section className="card" aria-labelledby="not-found-title" data-testid="pipeline-not-found">
        <h1 id="not-found-title">No such pipeline</h1>
        <p>
          Pipewatch knows no workflow with this id in the repositories it watches. It may belong to
          a repository that is no longer tracked, or the link may be mistyped.
        </p>
        <p>
          <Link href="/">See every pipeline on the overview</Link>
        </p>
      </section>
    </main>
  );
}
