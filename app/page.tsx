import { AutoRefresh } from "@/components/auto-refresh";
import { SyncTable } from "@/components/sync/sync-table";
import { StatusPill } from "@/components/ui/status-pill";
import { getHomeData } from "@/lib/home";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const { health, repos, githubApiUrl, hasCredentials, summary, sync, now } = await getHomeData();
  const db = health.database;
  return (
    <main>
      <h1>Pipelines</h1>

      {repos.length === 0 && (summary?.repositories ?? 0) === 0 ? (
        <section className="card" aria-labelledby="empty-title" data-testid="empty-state">
          <h2 id="empty-title">No repositories watched yet</h2>
          <p>
            Pipewatch reads your GitHub Actions history and shows what is slow, flaky or silently
            broken. Tell it what to watch:
          </p>
          <ol className="steps">
            <li>
              Create a token with read access to Actions (fine-grained: <em>Actions</em>,{" "}
              <em>Deployments</em> and <em>Metadata</em>, read-only) and set{" "}
              <code>GITHUB_TOKEN</code>.
            </li>
            <li>
              List the repositories in <code>PIPEWATCH_REPOS</code>, e.g.{" "}
              <code>PIPEWATCH_REPOS=acme/api,acme/web</code> or <code>acme/*</code> for all of an
              owner's repositories.
            </li>
            <li>
              Put them in your environment or in a <code>.env</code> file, and restart Pipewatch.
              See <code>.env.example</code> for every setting.
            </li>
          </ol>
        </section>
      ) : (
        <section className="card" aria-labelledby="watched-title">
          <h2 id="watched-title">Watched repositories</h2>
          <p>
            From <code>{githubApiUrl}</code>
            {hasCredentials ? "" : " (no GITHUB_TOKEN or GitHub App set)"}: {repos.join(", ")}
          </p>
          {/* While a first sync runs, the page follows it; afterwards, once a minute. */}
          <AutoRefresh
            seconds={
              sync?.repositories.some((r) => r.state !== "ok" && r.state !== "failing") ? 5 : 60
            }
          />
          {sync && sync.repositories.length > 0 ? (
            <SyncTable repositories={sync.repositories} now={now} />
          ) : (
            <p className="muted">No repository has been synced yet.</p>
          )}
        </section>
      )}

      <section className="card" aria-labelledby="store-title">
        <h2 id="store-title">Store</h2>
        <dl className="facts">
          <div>
            <dt>Database</dt>
            <dd data-testid="db-status">
              <StatusPill ok={db.reachable} label={db.reachable ? "up" : "unreachable"} />
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
            </dd>
          </div>
          {summary && (
            <>
              <div>
                <dt>Repositories</dt>
                <dd>{summary.repositories}</dd>
              </div>
              <div>
                <dt>Workflow runs</dt>
                <dd>{summary.runs.toLocaleString("en-US")}</dd>
              </div>
              <div>
                <dt>Jobs</dt>
                <dd>{summary.jobs.toLocaleString("en-US")}</dd>
              </div>
            </>
          )}
        </dl>
        {db.error && <p className="muted">Database error: {db.error}</p>}
      </section>
    </main>
  );
}
