// A pipeline's latest runs with every attempt and every job of every attempt, for the pipeline
// page (GET /api/v1/pipelines/{id}). Three queries whatever the number of runs.
import "server-only";
import type { Db } from "@/lib/db/client";
import { queryRuns, type Run } from "./run-list.ts";
import type { BranchScope } from "./scope.ts";

export type RunAttemptSummary = {
  attempt: number;
  status: string | null;
  conclusion: string | null;
  createdAt: string;
  runStartedAt: string | null;
  updatedAt: string;
};

export type JobSummary = {
  id: string;
  name: string;
  runAttempt: number;
  status: string;
  conclusion: string | null;
  createdAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  /** started_at − created_at; null for a skipped job or one that never started. */
  queueMs: number | null;
  /** completed_at − started_at; null until both are known. */
  durationMs: number | null;
  htmlUrl: string | null;
};

export type RunDetail = Run & { attempts: RunAttemptSummary[]; jobs: JobSummary[] };

export const RECENT_RUNS = 50;

const iso = (date: Date | null) => date?.toISOString() ?? null;
const between = (from: Date | null, to: Date | null) =>
  from && to ? to.getTime() - from.getTime() : null;

/**
 * The latest `limit` runs of workflow `workflowId` on `branch` (any time: the window does not
 * apply), newest first by (created_at, id), each with its attempts (oldest first) and the jobs
 * of all its attempts (by attempt, then job id).
 */
export async function listRecentRuns(
  db: Db,
  workflowId: number,
  branch: BranchScope,
  limit = RECENT_RUNS,
): Promise<RunDetail[]> {
  const runs = await queryRuns(db, { workflowId, branch, limit });
  const ids = runs.map((r) => BigInt(r.id));
  const [attempts, jobs] = await Promise.all([
    db.runAttempt.findMany({
      where: { runId: { in: ids } },
      orderBy: [{ runId: "asc" }, { attempt: "asc" }],
    }),
    db.job.findMany({
      where: { runId: { in: ids } },
      orderBy: [{ runId: "asc" }, { runAttempt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        runId: true,
        name: true,
        runAttempt: true,
        status: true,
        conclusion: true,
        createdAt: true,
        startedAt: true,
        completedAt: true,
        htmlUrl: true,
      },
    }),
  ]);
  const attemptsOf = new Map<string, RunAttemptSummary[]>();
  for (const a of attempts) {
    const list = attemptsOf.get(String(a.runId)) ?? [];
    list.push({
      attempt: a.attempt,
      status: a.status,
      conclusion: a.conclusion,
      createdAt: a.createdAt.toISOString(),
      runStartedAt: iso(a.runStartedAt),
      updatedAt: a.updatedAt.toISOString(),
    });
    attemptsOf.set(String(a.runId), list);
  }
  const jobsOf = new Map<string, JobSummary[]>();
  for (const j of jobs) {
    const list = jobsOf.get(String(j.runId)) ?? [];
    list.push({
      id: String(j.id),
      name: j.name,
      runAttempt: j.runAttempt,
      status: j.status,
      conclusion: j.conclusion,
      createdAt: iso(j.createdAt),
      startedAt: iso(j.startedAt),
      completedAt: iso(j.completedAt),
      queueMs: j.conclusion === "skipped" ? null : between(j.createdAt, j.startedAt),
      durationMs: between(j.startedAt, j.completedAt),
      htmlUrl: j.htmlUrl,
    });
    jobsOf.set(String(j.runId), list);
  }
  return runs.map((run) => ({
    ...run,
    attempts: attemptsOf.get(run.id) ?? [],
    jobs: jobsOf.get(run.id) ?? [],
  }));
}
