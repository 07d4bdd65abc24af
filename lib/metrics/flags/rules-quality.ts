// Flag rules about a pipeline's quality over time (docs/metrics.md): flaky and cache_degraded.
import "server-only";
import type { Db } from "@/lib/db/client";
import { queryFlakyStats, shaGroupsCte } from "../quality-stats.ts";
import type { Scope } from "../scope.ts";
import { changePoint, recentStretchStart } from "./stretch.ts";
import type { Candidate } from "./types.ts";

const DAY = 86_400_000;
const FLAKY_RATE = 0.05;
const FLAKY_MIN_GROUPS = 20;
const CACHE_RECENT_DAYS = 7;
const CACHE_MIN_EVENTS = 10;
const CACHE_MIN_BASELINE = 0.5;

const percent = (rate: number) => `${(100 * rate).toFixed(1)}%`;

function lastThirtyDays(now: Date): Scope {
  return {
    window: { from: new Date(now.getTime() - 30 * DAY), to: now, text: "30d" },
    branch: { kind: "default" },
  };
}

/**
 * Pipelines whose flaky rate (head SHAs that failed, then passed on a re-run) over the last 30
 * days of the default branch is above 5%, with at least 20 SHA groups. The numbers are the
 * pipeline's `flaky` metric over that scope, so the flag and the dashboard agree.
 */
export async function flaky(db: Db, repoIds: number[], now: Date): Promise<Candidate[]> {
  const scope = lastThirtyDays(now);
  const stats = await queryFlakyStats(db, scope, repoIds);
  const flagged = [...stats].filter(([, s]) => s.rate !== null && s.rate > FLAKY_RATE);
  if (flagged.length === 0) return [];
  const groups = await db.$queryRaw<
    { workflow_id: bigint; repo_id: bigint; name: string; branch: string; at: Date; bad: boolean }[]
  >`
    WITH ${shaGroupsCte(scope, repoIds)}
    SELECT s.workflow_id, w.repo_id, w.name, repo.default_branch AS branch, s.first_at AS at,
      s.flaky AS bad
    FROM shas s JOIN workflows w ON w.id = s.workflow_id JOIN repositories repo ON repo.id = w.repo_id
    WHERE s.counted AND s.workflow_id = ANY(${flagged.map(([id]) => BigInt(id))}::bigint[])
    ORDER BY s.first_at, s.head_sha`;
  return flagged.flatMap(([workflowId, s]): Candidate[] => {
    const mine = groups.filter((g) => Number(g.workflow_id) === workflowId);
    const first = mine[0];
    // The groups the rate counts: at least 20 of them, or the rate is noise.
    if (!first || s.rate === null || mine.length < FLAKY_MIN_GROUPS) return [];
    const since = recentStretchStart(mine, (bad, total) => bad / total > FLAKY_RATE);
    const tests = s.flakyTests
      ? `; ${s.flakyTests} flaky test${s.flakyTests === 1 ? "" : "s"}`
      : "";
    return [
      {
        kind: "flaky",
        severity: "warning",
        repoId: Number(first.repo_id),
        workflowId,
        since: since ?? first.at,
        message: `Flaky: ${s.flakyRuns} of ${mine.length} commits (${percent(s.rate)}) on ${first.branch} failed in "${first.name}" and then passed on a re-run in the last 30 days${tests}`,
        detail: {
          flakyRuns: s.flakyRuns,
          groups: mine.length,
          rate: s.rate,
          flakyTests: s.flakyTests,
        },
      },
    ];
  });
}

type CacheRow = {
  workflow_id: bigint;
  repo_id: bigint;
  name: string;
  recent: number;
  recent_hits: number;
  before: number;
  before_hits: number;
};

/**
 * Pipelines whose cache hit rate over the last 7 days of the default branch fell below half
 * the rate of the 23 days before, which was at least 50%, with at least 10 restores in each.
 * The cache key that stopped matching and doubled every build.
 */
export async function cacheDegraded(db: Db, repoIds: number[], now: Date): Promise<Candidate[]> {
  const split = new Date(now.getTime() - CACHE_RECENT_DAYS * DAY);
  const restores = db.$queryRaw<CacheRow[]>`
    SELECT c.workflow_id, w.repo_id, w.name,
      count(*) FILTER (WHERE c.run_created_at > ${split})::int AS recent,
      count(*) FILTER (WHERE c.run_created_at > ${split} AND c.outcome = 'exact')::int AS recent_hits,
      count(*) FILTER (WHERE c.run_created_at <= ${split})::int AS before,
      count(*) FILTER (WHERE c.run_created_at <= ${split} AND c.outcome = 'exact')::int AS before_hits
    FROM cache_events c JOIN workflow_runs r ON r.id = c.run_id
      JOIN repositories repo ON repo.id = r.repo_id JOIN workflows w ON w.id = c.workflow_id
    WHERE c.kind = 'restore' AND r.repo_id = ANY(${repoIds.map(BigInt)}::bigint[])
      AND r.head_branch = repo.default_branch
      AND c.run_created_at > ${new Date(now.getTime() - 30 * DAY)} AND c.run_created_at <= ${now}
    GROUP BY c.workflow_id, w.repo_id, w.name`;
  const flagged = (await restores).filter((r) => {
    if (r.recent < CACHE_MIN_EVENTS || r.before < CACHE_MIN_EVENTS) return false;
    const baseline = r.before_hits / r.before;
    return baseline >= CACHE_MIN_BASELINE && r.recent_hits / r.recent < baseline / 2;
  });
  if (flagged.length === 0) return [];
  const events = await db.$queryRaw<{ workflow_id: bigint; at: Date; bad: boolean }[]>`
    SELECT c.workflow_id, c.run_created_at AS at, c.outcome <> 'exact' AS bad
    FROM cache_events c JOIN workflow_runs r ON r.id = c.run_id
      JOIN repositories repo ON repo.id = r.repo_id
    WHERE c.kind = 'restore' AND r.head_branch = repo.default_branch
      AND c.workflow_id = ANY(${flagged.map((r) => r.workflow_id)}::bigint[])
      AND c.run_created_at > ${new Date(now.getTime() - 30 * DAY)} AND c.run_created_at <= ${now}
    ORDER BY c.run_created_at, c.job_id, c.seq`;
  return flagged.map((r) => {
    const baseline = r.before_hits / r.before;
    const rate = r.recent_hits / r.recent;
    const mine = events.filter((e) => e.workflow_id === r.workflow_id);
    // When the key stopped matching: where the miss rate jumped, over the 30 days.
    const since = changePoint(mine) ?? split;
    return {
      kind: "cache_degraded",
      severity: "warning",
      repoId: Number(r.repo_id),
      workflowId: Number(r.workflow_id),
      since,
      message: `Cache degraded: "${r.name}" restored its cache with the exact key in ${percent(rate)} of ${r.recent} restores over the last 7 days, against ${percent(baseline)} of ${r.before} in the 23 days before; check what goes into the cache key`,
      detail: {
        recent: r.recent,
        recentHitRate: rate,
        before: r.before,
        baselineHitRate: baseline,
      },
    };
  });
}
