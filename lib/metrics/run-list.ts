// GET /api/v1/runs and a pipeline's recent runs: the runs of the tracked repositories, newest
// first by (created_at, id), a page at a time with an opaque keyset cursor.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { branchCondition } from "./run-stats.ts";
import type { BranchScope } from "./scope.ts";

/** GitHub's run statuses: `status=` one of these keeps the runs whose latest attempt has it. */
export const RUN_STATUSES = [
  "queued",
  "in_progress",
  "completed",
  "waiting",
  "requested",
  "pending",
] as const;
/** GitHub's run conclusions: `status=` one of these keeps completed runs that concluded so. */
export const RUN_CONCLUSIONS = [
  "success",
  "failure",
  "cancelled",
  "skipped",
  "timed_out",
  "action_required",
  "neutral",
  "stale",
  "startup_failure",
] as const;
export type RunStatusFilter = (typeof RUN_STATUSES)[number] | (typeof RUN_CONCLUSIONS)[number];

/** A run as the API shows it: its latest attempt's status, conclusion and times. */
export type Run = {
  id: string;
  pipelineId: string;
  repo: string;
  runNumber: number;
  event: string;
  branch: string | null;
  headSha: string;
  status: string | null;
  conclusion: string | null;
  runAttempt: number;
  createdAt: string;
  runStartedAt: string | null;
  updatedAt: string;
  /** The latest attempt's updated_at − run_started_at, once completed; else null. */
  durationMs: number | null;
  htmlUrl: string;
};

export type RunCursor = { createdAt: Date; id: bigint };

export type RunFilter = {
  workflowId?: number;
  branch: BranchScope;
  status?: RunStatusFilter;
  cursor?: RunCursor;
  limit: number;
};

export type RunPage = { runs: Run[]; nextCursor: string | null };

/** Thrown for a workflow id that is unknown or belongs to an untracked repository (a 404). */
export class UnknownPipelineError extends Error {}

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** The cursor after `run`: base64url of its created_at (ISO, milliseconds) and id. */
export function encodeRunCursor(cursor: RunCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}_${cursor.id}`).toString("base64url");
}

/** The cursor `text` encodes, or null when it is not one `encodeRunCursor` could have made. */
export function parseRunCursor(text: string): RunCursor | null {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(text)) return null;
  const decoded = Buffer.from(text, "base64url").toString("utf8");
  if (Buffer.from(decoded).toString("base64url") !== text) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{1,19})$/.exec(decoded);
  const [, iso, id] = match ?? [];
  if (!iso || !id) return null;
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return null;
  // Year 0 is a JavaScript date but not a PostgreSQL one (the query would fail), nor a run's.
  if (createdAt.getUTCFullYear() < 1) return null;
  const value = BigInt(id);
  return value > MAX_BIGINT ? null : { createdAt, id: value };
}

type RunRow = {
  id: bigint;
  workflow_id: bigint;
  repo: string;
  run_number: number;
  event: string;
  head_branch: string | null;
  head_sha: string;
  status: string | null;
  conclusion: string | null;
  run_attempt: number;
  created_at: Date;
  run_started_at: Date | null;
  updated_at: Date;
  html_url: string;
};

function statusCondition(status: RunStatusFilter | undefined): Prisma.Sql {
  if (status === undefined) return Prisma.sql`TRUE`;
  if ((RUN_STATUSES as readonly string[]).includes(status)) return Prisma.sql`r.status = ${status}`;
  return Prisma.sql`r.status = 'completed' AND r.conclusion = ${status}`;
}

function toRun(row: RunRow): Run {
  const completed = row.status === "completed" && row.run_started_at !== null;
  return {
    id: String(row.id),
    pipelineId: String(row.workflow_id),
    repo: row.repo,
    runNumber: row.run_number,
    event: row.event,
    branch: row.head_branch,
    headSha: row.head_sha,
    status: row.status,
    conclusion: row.conclusion,
    runAttempt: row.run_attempt,
    createdAt: row.created_at.toISOString(),
    runStartedAt: row.run_started_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    durationMs:
      completed && row.run_started_at
        ? row.updated_at.getTime() - row.run_started_at.getTime()
        : null,
    htmlUrl: row.html_url,
  };
}

/**
 * Up to `limit` runs of the tracked repositories matching `filter`, newest first by
 * (created_at, id), after `filter.cursor` when given. No check that the workflow exists.
 */
export async function queryRuns(db: Db, filter: RunFilter): Promise<Run[]> {
  const workflow =
    filter.workflowId === undefined
      ? Prisma.sql`TRUE`
      : Prisma.sql`r.workflow_id = ${BigInt(filter.workflowId)}`;
  const after = filter.cursor
    ? Prisma.sql`(r.created_at, r.id) < (${filter.cursor.createdAt}::timestamptz, ${filter.cursor.id}::bigint)`
    : Prisma.sql`TRUE`;
  const rows = await db.$queryRaw<RunRow[]>`
    SELECT r.id, r.workflow_id, repo.full_name AS repo, r.run_number, r.event, r.head_branch,
      r.head_sha, r.status, r.conclusion, r.run_attempt, r.created_at, r.run_started_at,
      r.updated_at, r.html_url
    FROM workflow_runs r JOIN repositories repo ON repo.id = r.repo_id
    WHERE repo.tracked AND ${workflow} AND ${branchCondition(filter.branch)}
      AND ${statusCondition(filter.status)} AND ${after}
    ORDER BY r.created_at DESC, r.id DESC
    LIMIT ${filter.limit}`;
  return rows.map(toRun);
}

/**
 * A page of runs (GET /api/v1/runs): `nextCursor` is null on the last page. Throws
 * UnknownPipelineError when `filter.workflowId` is not a workflow of a tracked repository.
 */
export async function listRuns(db: Db, filter: RunFilter): Promise<RunPage> {
  if (filter.workflowId !== undefined) {
    const workflow = await db.workflow.findFirst({
      where: { id: BigInt(filter.workflowId), repo: { tracked: true } },
      select: { id: true },
    });
    if (!workflow)
      throw new UnknownPipelineError(`no pipeline ${filter.workflowId} in a tracked repository`);
  }
  const rows = await queryRuns(db, { ...filter, limit: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    runs: page,
    nextCursor:
      rows.length > filter.limit && last
        ? encodeRunCursor({ createdAt: new Date(last.createdAt), id: BigInt(last.id) })
        : null,
  };
}
