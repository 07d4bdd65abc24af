// How Pipewatch is configured to watch: where it reads GitHub from, with which credentials, which
// repositories, how often and how far back. Values only, never a secret.
import { StatusPill } from "@/components/ui/status-pill";
import type { HomeData } from "@/lib/home";
import styles from "./status.module.css";

type Props = Pick<
  HomeData,
  "repos" | "githubApiUrl" | "hasCredentials" | "pollIntervalSeconds" | "backfillDays"
>;

export function Configuration(props: Props) {
  const { repos, githubApiUrl, hasCredentials, pollIntervalSeconds, backfillDays } = props;
  return (
    <section className="card" aria-labelledby="config-title">
      <h2 id="config-title">Configuration</h2>
      <dl className={styles.config}>
        <div>
          <dt>Repositories</dt>
          <dd>
            {repos.length > 0 ? (
              repos.map((repo) => <code key={repo}>{repo}</code>)
            ) : (
              <span className="muted">none configured</span>
            )}{" "}
            <span className={styles.variable}>PIPEWATCH_REPOS</span>
          </dd>
        </div>
        <div>
          <dt>GitHub API</dt>
          <dd>
            <code>{githubApiUrl}</code> <span className={styles.variable}>GITHUB_API_URL</span>
          </dd>
        </div>
        <div>
          <dt>Credentials</dt>
          <dd data-testid="credentials">
            <StatusPill ok={hasCredentials} label={hasCredentials ? "set" : "not set"} />{" "}
            <span className={styles.variable}>GITHUB_TOKEN or a GitHub App</span>
            {!hasCredentials && (
              <div className={styles.note}>
                Without them GitHub allows 60 requests an hour and no private repository.
              </div>
            )}
          </dd>
        </div>
        <div>
          <dt>Schedule</dt>
          <dd>
            every {pollIntervalSeconds} s, history back {backfillDays} days{" "}
            <span className={styles.variable}>
              PIPEWATCH_POLL_INTERVAL, PIPEWATCH_BACKFILL_DAYS
            </span>
          </dd>
        </div>
      </dl>
      <p className={`muted ${styles.hint}`}>
        Change these in the environment or <code>.env</code>, then restart Pipewatch.
      </p>
    </section>
  );
}
