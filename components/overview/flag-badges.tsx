// A pipeline's open flags as badges: the severity by shape and word as well as colour, the kind
// in words, the message on hover (title) and, without hover, in the badge's disclosure (a
// keyboard or touch user opens it; a screen reader reads its summary, then the message).
"use client";
import { SeverityIcon } from "@/components/pipeline/icons";
import a11y from "@/components/ui/a11y.module.css";
import { TimeAgo } from "@/components/ui/time-ago";
import type { PipelineFlag } from "@/lib/metrics/pipelines";
import styles from "./flag-badges.module.css";

/** `deploy_skipped` → `Deploy skipped`. */
export function flagKindWords(kind: string): string {
  const words = kind.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function FlagBadges({ flags, now }: { flags: PipelineFlag[]; now: number }) {
  if (flags.length === 0) return <span className={styles.muted}>None</span>;
  const ordered = [...flags].sort(
    (a, b) => Number(b.severity === "critical") - Number(a.severity === "critical"),
  );
  return (
    <ul className={styles.flags}>
      {ordered.map((flag) => (
        <li key={`${flag.kind} ${flag.since}`}>
          <details
            className={styles.flag}
            data-severity={flag.severity}
            data-testid={`flag-${flag.kind}`}
          >
            <summary title={flag.message}>
              <SeverityIcon severity={flag.severity} size={13} />
              <span className={a11y.srOnly}>{flag.severity}: </span>
              {flagKindWords(flag.kind)}
            </summary>
            <p>{flag.message}</p>
            <p className={styles.muted}>
              Since <TimeAgo at={flag.since} now={now} />
            </p>
          </details>
        </li>
      ))}
    </ul>
  );
}
