// The Overview of a server that watches nothing yet: how to add a first repository.
import Link from "next/link";

export function EmptyState() {
  return (
    <section className="card" aria-labelledby="empty-title" data-testid="empty-state">
      <h2 id="empty-title">No repositories watched yet</h2>
      <p>
        Pipewatch reads your GitHub Actions history and shows what is slow, flaky or silently
        broken. Tell it what to watch:
      </p>
      <ol className="steps">
        <li>
          Create a token with read access to Actions (fine-grained: <em>Actions</em>,{" "}
          <em>Deployments</em> and <em>Metadata</em>, read-only) and set <code>GITHUB_TOKEN</code>.
        </li>
        <li>
          List the repositories in <code>PIPEWATCH_REPOS</code>, e.g.{" "}
          <code>PIPEWATCH_REPOS=acme/api,acme/web</code> or <code>acme/*</code> for all of an
          owner's repositories.
        </li>
        <li>
          Put them in your environment or in a <code>.env</code> file, and restart Pipewatch. See{" "}
          <code>.env.example</code> for every setting.
        </li>
      </ol>
      <p>
        The first sync then reads the last days of history; its progress shows on{" "}
        <Link href="/status">Sync status</Link>, and the pipelines here.
      </p>
    </section>
  );
}
