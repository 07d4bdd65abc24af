// No flaky test in scope: say what Pipewatch reads, so a team without JUnit artifacts knows why.
import styles from "./tests.module.css";

type Props = {
  /** `acme/api, last 30 days`. */
  scope: string;
  reportPattern: string;
  /** Widens the window to 90 days; absent when it is already that wide. */
  longer?: () => void;
};

export function NoFlakyTests({ scope, reportPattern, longer }: Props) {
  return (
    <section className="card" aria-labelledby="no-flaky-title" data-testid="no-flaky-tests">
      <h2 id="no-flaky-title">
        <span aria-hidden="true">✓ </span>No flaky test in this window
      </h2>
      <p>
        In {scope}, no test both failed and passed on the same commit, nor passed after a retry
        inside a job.
        {longer && (
          <>
            {" "}
            <button type="button" className={styles.linkButton} onClick={longer}>
              Look at the last 90 days
            </button>
          </>
        )}
      </p>
      <p>
        Pipewatch knows tests from the JUnit XML reports your workflows upload as artifacts: it
        reads the artifacts whose name matches <code>/{reportPattern}/i</code> (
        <code>PIPEWATCH_TEST_REPORT_PATTERN</code>). If none of your runs upload one, no test can be
        listed here. Upload the report with <code>actions/upload-artifact</code> under a matching
        name (for example <code>junit-report</code>), or set the pattern to match the names you use.
      </p>
    </section>
  );
}
