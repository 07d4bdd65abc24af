// One pipeline of the Overview: a table row on a desktop, a card on a phone (the same cells,
// labelled by their data-label there). Exact values are in the titles.
"use client";
import Link from "next/link";
import { OutcomeIcon } from "@/components/pipeline/icons";
import { OUTCOME_TONE, outcomeLabel, outcomeOf } from "@/components/pipeline/outcome";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatCount, formatDuration, formatPercent } from "@/lib/format";
import type { Pipeline } from "@/lib/metrics/pipelines";
import type { SparklinePoint } from "@/lib/metrics/sparklines";
import { FlagBadges } from "./flag-badges.tsx";
import styles from "./pipeline-table.module.css";
import { Sparkline } from "./sparkline.tsx";

type Props = {
  pipeline: Pipeline;
  points: SparklinePoint[] | undefined;
  bucket: string;
  /** The data's generatedAt: what relative times count from until the browser's clock ticks. */
  now: number;
  /** The scope's query string (`?window=7d`) for the pipeline page's link. */
  scopeQuery: string;
};

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;

function LastRun({ run, now }: { run: Pipeline["lastRun"]; now: number }) {
  if (!run) return <span className={styles.muted}>No run yet</span>;
  const outcome = outcomeOf(run.status, run.conclusion);
  const label = outcomeLabel(run.status, run.conclusion);
  return (
    <>
      <span className={styles.outcome} data-tone={OUTCOME_TONE[outcome]}>
        <OutcomeIcon outcome={outcome} size={14} />
        {label.charAt(0).toUpperCase() + label.slice(1)}
      </span>
      <span className={styles.sub}>
        <a href={run.htmlUrl} title="This run on GitHub">
          #{run.runNumber}
        </a>{" "}
        <TimeAgo at={run.createdAt} now={now} />
      </span>
    </>
  );
}

export function PipelineRow({ pipeline: p, points, bucket, now, scopeQuery }: Props) {
  const decided = p.runs - p.cancelled;
  const successTitle =
    p.runs === 0
      ? "No completed run in the window"
      : `${p.successes} of ${decided} runs succeeded (${p.cancelled} cancelled or skipped, not counted; ${p.failures} failed)`;
  const lastRun = p.lastRun ? `${p.lastRun.id} ${p.lastRun.status} ${p.lastRun.conclusion}` : "";
  return (
    <tr data-testid="pipeline-row" data-pipeline={`${p.repo} ${p.name}`} data-last-run={lastRun}>
      <th scope="row" className={styles.nameCell}>
        <span className={styles.repo}>{p.repo}</span>{" "}
        <Link href={`/pipelines/${p.id}${scopeQuery}`} className={styles.name} title={p.path}>
          {p.name}
        </Link>
        {p.isDeploy && <span className={styles.tag}>deploy</span>}
        {p.state !== "active" && <span className={styles.tag}>{p.state.replaceAll("_", " ")}</span>}
      </th>
      <td data-label="Flags" className={styles.flagsCell}>
        <FlagBadges flags={p.flags} now={now} />
      </td>
      <td data-label="Last run" className={styles.lastRunCell}>
        <LastRun run={p.lastRun} now={now} />
      </td>
      <td data-label="Success" className={styles.number}>
        <span title={successTitle}>{formatPercent(p.successRate)}</span>
        <span className={styles.sub}>{plural(p.runs, "run")}</span>
      </td>
      <td data-label="Duration p50 / p95" className={styles.durationCell}>
        <span
          className={styles.number}
          title={`Successful runs: median ${p.durationMs.p50 ?? "—"} ms, 95th percentile ${p.durationMs.p95 ?? "—"} ms, longest ${p.durationMs.max ?? "—"} ms`}
        >
          {formatDuration(p.durationMs.p50)}
          <span className={styles.muted}> / {formatDuration(p.durationMs.p95)}</span>
        </span>
        {points && points.length > 0 && (
          <Sparkline points={points} bucket={bucket} thresholdMs={p.slowThresholdMs} />
        )}
      </td>
      <td data-label="Cache hits" className={styles.number}>
        <span
          title={`${p.cache.hits} hits, ${p.cache.partial} partial (restore key), ${p.cache.misses} misses`}
        >
          {formatPercent(p.cache.hitRate)}
        </span>
      </td>
      <td data-label="Flaky" className={styles.number}>
        <span
          title={`${plural(p.flaky.flakyRuns, "commit")} failed then passed; ${plural(p.flaky.flakyTests, "flaky test")}`}
        >
          {formatPercent(p.flaky.rate)}
        </span>
      </td>
      <td data-label="Last success">
        <TimeAgo at={p.streak.lastSuccessAt} now={now} />
        {p.streak.failureStreak > 0 && (
          <span className={styles.sub} data-tone="bad">
            {plural(p.streak.failureStreak, "failure")} since
          </span>
        )}
      </td>
      <td data-label="Last deploy" className={p.isDeploy ? undefined : styles.notApplicable}>
        {p.isDeploy ? (
          <TimeAgo at={p.lastDeployAt} now={now} />
        ) : (
          <span className={styles.muted} title="Not a deploy pipeline">
            —
          </span>
        )}
      </td>
    </tr>
  );
}
