// The pipeline's headline numbers over the window (docs/metrics.md), each with its exact value
// on hover; the streak numbers are the default branch's, whatever the window.
"use client";
import { formatCount, formatDuration, formatDurationShort, formatPercent } from "@/lib/format";
import type { Pipeline } from "@/lib/metrics/pipelines";
import { LocalTime } from "./local-time";
import styles from "./pipeline.module.css";

type Tile = {
  label: string;
  value: React.ReactNode;
  detail?: React.ReactNode;
  title?: string;
  tone?: "bad" | "warn";
  testId?: string;
};

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
const exactMs = (ms: number | null) => (ms === null ? "none" : `${formatCount(ms)} ms`);

export function HeadlineNumbers({ pipeline: p, now }: { pipeline: Pipeline; now: number }) {
  const counted = p.runs - p.cancelled;
  const slow = p.durationMs.p50 !== null && p.durationMs.p50 > p.slowThresholdMs;
  const { streak, cache, flaky } = p;
  const tiles: Tile[] = [
    {
      label: "Runs",
      value: formatCount(p.runs),
      detail: `${formatCount(p.successes)} passed · ${formatCount(p.failures)} failed · ${formatCount(p.cancelled)} cancelled`,
    },
    {
      label: "Success rate",
      value: formatPercent(p.successRate),
      detail: counted > 0 ? `${p.successes} of ${counted} (cancelled left out)` : "no run to rate",
      title: p.successRate === null ? undefined : `${p.successRate}`,
      tone: p.successRate !== null && p.successRate < 0.9 ? "bad" : undefined,
    },
    {
      label: "Duration p50",
      value: formatDuration(p.durationMs.p50),
      detail: (
        <>
          p95 <span title={exactMs(p.durationMs.p95)}>{formatDuration(p.durationMs.p95)}</span>
          {slow ? ` · above ${formatDurationShort(p.slowThresholdMs)}` : ""}
        </>
      ),
      title: exactMs(p.durationMs.p50),
      tone: slow ? "warn" : undefined,
      testId: "duration-p50",
    },
    {
      label: "Queue p50",
      value: formatDuration(p.queueMs.p50),
      detail: (
        <>
          p95 <span title={exactMs(p.queueMs.p95)}>{formatDuration(p.queueMs.p95)}</span> · waiting
          for a runner
        </>
      ),
      title: exactMs(p.queueMs.p50),
    },
    {
      label: "Cache hit rate",
      value: formatPercent(cache.hitRate),
      detail: `${formatCount(cache.hits)} hits · ${formatCount(cache.partial)} partial · ${formatCount(cache.misses)} misses`,
      title: cache.hitRate === null ? undefined : `${cache.hitRate}`,
    },
    {
      label: "Flaky rate",
      value: formatPercent(flaky.rate),
      detail: `${plural(flaky.flakyRuns, "flaky commit")} · ${plural(flaky.flakyTests, "test")}`,
      title: flaky.rate === null ? undefined : `${flaky.rate}`,
      tone: flaky.rate !== null && flaky.rate > 0.05 ? "warn" : undefined,
    },
    {
      label: "Last success",
      value: <LocalTime at={streak.lastSuccessAt} now={now} />,
      detail: `on ${p.defaultBranch}${streak.sinceLastSuccessMs === null ? "" : `, ${formatDuration(streak.sinceLastSuccessMs)} ago`}`,
      tone: streak.lastSuccessAt === null ? "bad" : undefined,
    },
    {
      label: "Failure streak",
      value: formatCount(streak.failureStreak),
      detail: streak.failureStreak === 0 ? "latest run passed" : "failed in a row, latest first",
      tone: streak.failureStreak > 0 ? "bad" : undefined,
      testId: "failure-streak",
    },
    {
      label: "Longest gap",
      value: formatDuration(streak.longestGapMs),
      detail: "between two successes",
      title: exactMs(streak.longestGapMs),
    },
    {
      label: "Last deploy",
      value: p.isDeploy ? <LocalTime at={p.lastDeployAt} now={now} /> : "—",
      detail: p.isDeploy ? "successful deploy" : "not a deploy pipeline",
    },
  ];
  return (
    <section className={styles.numbersCard} aria-label="Headline numbers">
      <dl className={styles.numbers}>
        {tiles.map((t) => (
          <div key={t.label} className={t.tone ? styles[t.tone] : undefined} data-testid={t.testId}>
            <dt>{t.label}</dt>
            <dd title={t.title}>{t.value}</dd>
            {t.detail && <dd className={styles.tileDetail}>{t.detail}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}
