// What to do when nothing is watched yet: the three steps to a first repository.
import type { ReactNode } from "react";
import styles from "./status.module.css";

type Props = { githubApiUrl: string; hasCredentials: boolean; children?: ReactNode };

/** Shown by the Overview and Sync status of a server that watches nothing; `children` follow. */
export function AddRepository({ githubApiUrl, hasCredentials, children }: Props) {
  return (
    <section className="card" aria-labelledby="empty-title" data-testid="empty-state">
      <h2 id="empty-title">No repositories watched yet</h2>
      <p>
        Pipewatch reads your GitHub Actions history and shows what is slow, flaky or silently
        broken. Tell it what to watch:
      </p>
      <ol className={styles.steps}>
        <li>
          {hasCredentials ? (
            <>
              Credentials are set (<code>GITHUB_TOKEN</code> or a GitHub App){" "}
              <span aria-hidden="true">✓</span>. They need read access to <em>Actions</em>,{" "}
              <em>Deployments</em> and <em>Metadata</em>.
            </>
          ) : (
            <>
              Create a token with read access to Actions (fine-grained: <em>Actions</em>,{" "}
              <em>Deployments</em> and <em>Metadata</em>, read-only) and set{" "}
              <code>GITHUB_TOKEN</code> (or a GitHub App: <code>GITHUB_APP_ID</code>).
            </>
          )}
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
      <p className="muted">
        GitHub API: <code>{githubApiUrl}</code> (<code>GITHUB_API_URL</code>; GitHub Enterprise
        Server: <code>https://HOST/api/v3</code>).
      </p>
      {children}
    </section>
  );
}
