// Flag rules about a pipeline's own state and speed, and about the data's freshness
// (docs/metrics.md): workflow_disabled, slow, stale_data.
import "server-only";
import type { Db } from "@/lib/db/client";
import { type Candidate, humanDuration } from "./types.ts";

const DAY = 86_400_000;
export const DEFAULT_SLOW_THRESHOLD_MS = 10 * 60_000;

/** Workflows no longer active that ran in the last 90 days (GitHub disabled a schedule, or a person did). */
export async function workflowDisabled(db: Db, repoIds: number[], now: Date): Promise<Candidate[]> {
  const rows = await db.$queryRaw<
    { id: bigint; repo_id: bigint; name: string; state: string; updated_at: Date; last_run: Date }[]
  >`
    SELECT w.id, w.repo_id, w.name, w.state, w.updated_at, max(r.created_at) AS last_run
    FROM workflows w JOIN workflow_runs r ON r.workflow_id = w.id
    WHERE w.repo_id = ANY(${repoIds.map(BigInt)}::bigint[])
      AND w.state IN ('disabled_inactivity', 'disabled_manually')
      AND r.created_at > ${new Date(now.getTime() - 90 * DAY)}
    GROUP BY w.id`;
  return rows.map((w) => {
    const byGitHub = w.state === "disabled_inactivity";
    return {
      kind: "workflow_disabled",
      severity: byGitHub ? "critical" : "warning",
      repoId: Number(w.repo_id),
      workflowId: Number(w.id),
      // The workflow's updated_at moves when its state changes: when it was disabled.
      since: w.updated_at,
      message: byGitHub
        ? `"${w.name}" was disabled by GitHub after 60 days without repository activity and no longer runs; enable it again in the Actions tab`
        : `"${w.name}" was disabled by hand and no longer runs; enable it again if that was not meant to last`,
      detail: { state: w.state, lastRunAt: w.last_run.toISOString() },
    };
  });
}

/** Pipelines whose last 20 successful default-branch runs (at least 3) take longer than the threshold at the median. */
export async function slow(db: Db, repoIds: number[]): Promise<Candidate[]> {
  const rows = await db.$queryRaw<
    {
      workflow_id: bigint;
      repo_id: bigint;
      name: string;
      threshold: number;
      p50: number;
      runs: number;
      since: Date;
    }[]
  >`
    WITH recent AS (
      SELECT r.workflow_id, r.repo_id, r.created_at,
        extract(epoch FROM (r.updated_at - r.run_started_at)) * 1000 AS ms,
        row_number() OVER (PARTITION BY r.workflow_id ORDER BY r.created_at DESC, r.id DESC) AS n
      FROM workflow_runs r JOIN repositories repo ON repo.id = r.repo_id
      WHERE r.repo_id = ANY(${repoIds.map(BigInt)}::bigint[]) AND r.head_branch = repo.default_branch
        AND r.status = 'completed' AND r.conclusion = 'success' AND r.run_started_at IS NOT NULL
    )
    SELECT x.workflow_id, x.repo_id, w.name,
      coalesce(w.slow_threshold_ms, ${DEFAULT_SLOW_THRESHOLD_MS})::int AS threshold,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY x.ms))::float8 AS p50, count(*)::int AS runs,
      min(x.created_at) FILTER (WHERE x.ms > coalesce(w.slow_threshold_ms, ${DEFAULT_SLOW_THRESHOLD_MS})) AS since
    FROM recent x JOIN workflows w ON w.id = x.workflow_id
    WHERE x.n <= 20
    GROUP BY x.workflow_id, x.repo_id, w.name, w.slow_threshold_ms
    HAVING count(*) >= 3`;
  return rows
    .filter((r) => r.p50 > r.threshold)
    .map((r) => ({
      kind: "slow",
      severity: r.p50 > 2 * r.threshold ? "critical" : "warning",
      repoId: Number(r.repo_id),
      workflowId: Number(r.workflow_id),
      since: r.since,
      message: `Slow: "${r.name}" takes ${humanDuration(r.p50)} at the median of its last ${r.runs} successful runs, over the ${humanDuration(r.threshold)} threshold`,
      detail: { p50Ms: Math.round(r.p50), thresholdMs: r.threshold, runs: r.runs },
    }));
}

/** Repositories whose last successful sync finished more than three poll intervals ago. */
export async function staleData(
  db: Db,
  repoIds: number[],
  now: Date,
  pollIntervalMs: number,
): Promise<Candidate[]> {
  const states = await db.syncState.findMany({
    where: { repoId: { in: repoIds.map(BigInt) }, lastSuccessAt: { not: null } },
    include: { repo: { select: { fullName: true } } },
  });
  const limit = 3 * pollIntervalMs;
  return states
    .filter((s) => s.lastSuccessAt && now.getTime() - s.lastSuccessAt.getTime() > limit)
    .map((s) => {
      const last = s.lastSuccessAt ?? now;
      return {
        kind: "stale_data",
        severity: "critical",
        repoId: Number(s.repoId),
        workflowId: null,
        since: new Date(last.getTime() + limit),
        message: `The data of ${s.repo.fullName} is ${humanDuration(now.getTime() - last.getTime())} old: the last sync succeeded then${s.lastError ? ` (since: ${s.lastError})` : ""}`,
        detail: { lastSuccessAt: last.toISOString(), lastError: s.lastError },
      };
    });
}
