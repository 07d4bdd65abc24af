// The pipeline's open flags (its header), and all its flags, open ones first, then those resolved in the last 90 days: what each
// said, since when the condition held, when Pipewatch raised it and when it was resolved.
"use client";
import type { ListedFlag } from "@/lib/metrics/flag-list";
import type { PipelineFlag } from "@/lib/metrics/pipelines";
import { ApiRequestError } from "@/lib/queries/fetch-json";
import styles from "./flags.module.css";
import { SeverityIcon } from "./icons";
import { LocalTime } from "./local-time";

type Props = { flags: ListedFlag[] | undefined; error: unknown; now: number };

export function PipelineFlags({ flags, error, now }: Props) {
  const open = flags?.filter((f) => f.resolvedAt === null) ?? [];
  const past = flags?.filter((f) => f.resolvedAt !== null) ?? [];
  return (
    <section className="card" aria-labelledby="flags-title" data-testid="pipeline-flags">
      <h2 id="flags-title">Flags</h2>
      {!flags ? (
        <p className={error ? styles.loadError : "muted"} role="status">
          {error
            ? `The flags could not be loaded: ${error instanceof ApiRequestError ? error.message : "server unreachable"}.`
            : "Loading the flags…"}
        </p>
      ) : flags.length === 0 ? (
        <p className="muted">
          <span aria-hidden="true">✓ </span>No flag raised on this pipeline in the last 90 days.
        </p>
      ) : (
        <ol className={styles.flagHistory}>
          {[...open, ...past].map((flag) => (
            <li
              key={flag.id}
              className={flag.resolvedAt ? styles.resolved : undefined}
              data-testid="flag-history-item"
              data-kind={flag.kind}
              data-state={flag.resolvedAt ? "resolved" : "open"}
            >
              <span
                className={`${styles.flagBadge} ${flag.severity === "critical" ? styles.critical : styles.warning}`}
              >
                <SeverityIcon severity={flag.severity} size={14} />
                {flag.severity}
              </span>
              <span className={styles.flagState}>{flag.resolvedAt ? "resolved" : "open"}</span>
              <code className={styles.flagKind}>{flag.kind}</code>
              <span className={styles.flagMessage}>
                {flag.message}
                {flag.workflowId === null && (
                  <span className="muted"> (applies to the whole repository)</span>
                )}
              </span>
              <span className={styles.flagTimes}>
                since <LocalTime at={flag.since} now={now} /> · opened{" "}
                <LocalTime at={flag.openedAt} now={now} />
                {flag.resolvedAt && (
                  <>
                    {" "}
                    · resolved <LocalTime at={flag.resolvedAt} now={now} />
                  </>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The pipeline's open flags, for its header: severity by shape and word, kind, message, since. */
export function OpenFlags({ flags, now }: { flags: PipelineFlag[]; now: number }) {
  if (flags.length === 0)
    return (
      <p className={styles.noFlags} data-testid="open-flags" data-count="0">
        <span aria-hidden="true">✓ </span>No open flag: nothing slow, flaky or silently failing.
      </p>
    );
  return (
    <section aria-label="Open flags">
      <ul className={styles.flags} data-testid="open-flags" data-count={flags.length}>
        {flags.map((flag) => (
          <li
            key={`${flag.kind}-${flag.since}`}
            className={`${styles.flag} ${flag.severity === "critical" ? styles.critical : styles.warning}`}
            data-testid="flag"
            data-kind={flag.kind}
          >
            <SeverityIcon severity={flag.severity} className={styles.flagIcon} />
            <span className={styles.flagSeverity}>{flag.severity}</span>
            <code className={styles.flagKind}>{flag.kind}</code>
            <span className={styles.flagMessage}>{flag.message}</span>
            <span className={styles.flagSince}>
              since <LocalTime at={flag.since} now={now} />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
