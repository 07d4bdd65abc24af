// The window and branch of the pipeline page, kept in its URL: a reload or a shared link shows
// the same view. Changing one navigates (the server reads the new first data) without scrolling.
"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { RunDetail } from "@/lib/metrics/recent-runs";
import type { PipelineScopeParams } from "@/lib/pipeline-page";
import { withQuery } from "@/lib/queries/fetch-json";
import styles from "./pipeline.module.css";

export const WINDOWS = ["24h", "7d", "30d", "90d"] as const;

const WINDOW_NAMES: Record<string, string> = {
  "24h": "last 24 hours",
  "7d": "last 7 days",
  "30d": "last 30 days",
  "90d": "last 90 days",
};

type Props = {
  id: string;
  params: PipelineScopeParams;
  defaultBranch: string;
  runs: RunDetail[];
};

/** The page's address for a scope. */
export function pipelineHref(id: string, params: PipelineScopeParams): string {
  return withQuery(`/pipelines/${encodeURIComponent(id)}`, {
    window: params.window,
    branch: params.branch,
  });
}

export function ScopeControls({ id, params, defaultBranch, runs }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const windows: string[] = WINDOWS.includes(params.window as (typeof WINDOWS)[number])
    ? [...WINDOWS]
    : [...WINDOWS, params.window];
  // The branches to choose from: those of the runs shown (all of them with "All branches").
  const branches = [
    ...new Set([params.branch, ...runs.map((r) => r.branch ?? "")].filter((b) => b && b !== "*")),
  ].sort();
  const chooseBranch = (branch: string) =>
    startTransition(() => router.push(pipelineHref(id, { ...params, branch }), { scroll: false }));
  return (
    <div className={styles.controls}>
      <nav className={styles.segmented} aria-label="Window">
        {windows.map((w) => (
          <Link
            key={w}
            href={pipelineHref(id, { ...params, window: w })}
            scroll={false}
            aria-current={w === params.window ? "true" : undefined}
            aria-label={`${w}, the ${WINDOW_NAMES[w] ?? `last ${w}`}`}
            className={styles.segment}
          >
            {w}
          </Link>
        ))}
      </nav>
      <label className={styles.branch}>
        <span>Branch</span>
        <select
          value={params.branch}
          onChange={(event) => chooseBranch(event.target.value)}
          data-testid="branch-select"
        >
          <option value="">Default ({defaultBranch})</option>
          <option value="*">All branches</option>
          {branches
            .filter((b) => b !== defaultBranch || params.branch === b)
            .map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
        </select>
      </label>
      {pending && (
        <span className={styles.pending} role="status">
          Loading…
        </span>
      )}
    </div>
  );
}
