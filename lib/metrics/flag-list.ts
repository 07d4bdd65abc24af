// GET /api/v1/flags and `pipewatch check`: the flags of the tracked repositories, open ones
// first (critical, then warning; the most recent first), then, when asked for, the recently
// resolved ones.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { FlagKind } from "./flags/types.ts";
import { UnknownPipelineError } from "./run-list.ts";
import { listTrackedRepoIds } from "./tracked-repos.ts";

/** Resolved flags are listed when resolved in the last RESOLVED_DAYS days, at most RESOLVED_LIMIT. */
export const RESOLVED_DAYS = 90;
export const RESOLVED_LIMIT = 200;

export type FlagState = "open" | "all";

export type ListedFlag = {
  id: string;
  kind: FlagKind;
  severity: "warning" | "critical";
  repo: string;
  /** Null for a repository-wide flag (stale_data). */
  workflowId: number | null;
  /** The workflow's name; null for a repository-wide flag. */
  pipeline: string | null;
  since: string;
  openedAt: string;
  resolvedAt: string | null;
  message: string;
  detail: Record<string, unknown>;
};

export type FlagList = { flags: ListedFlag[] };

const DAY = 86_400_000;

const include = {
  repo: { select: { fullName: true } },
  workflow: { select: { name: true } },
} as const;

export type FlagListOptions = {
  state?: FlagState;
  repo?: string;
  kind?: FlagKind;
  /** A workflow id: that pipeline's flags and its repository's repository-wide ones. */
  pipeline?: number;
  now?: Date;
};

/**
 * Open flags (critical first, then by `since`, newest first), followed with `state: "all"` by
 * the flags resolved in the last RESOLVED_DAYS days (newest resolution first, at most
 * RESOLVED_LIMIT). Optionally of one tracked repository (`owner/name`), one kind, and one
 * pipeline (the flags GET /api/v1/pipelines shows on it: its own and its repository's); throws
 * UnknownPipelineError when that pipeline is not a workflow of a tracked repository.
 */
export async function listFlags(db: Db, options: FlagListOptions = {}): Promise<FlagList> {
  const [repoIds, pipeline] = await Promise.all([
    listTrackedRepoIds(db, options.repo),
    options.pipeline === undefined ? {} : pipelineCondition(db, options.pipeline),
  ]);
  const where: Prisma.FlagWhereInput = {
    AND: [
      { repoId: { in: repoIds.map(BigInt) } },
      options.kind ? { kind: options.kind } : {},
      pipeline,
    ],
  };
  const now = options.now ?? new Date();
  const [open, resolved] = await Promise.all([
    db.flag.findMany({
      where: { ...where, resolvedAt: null },
      include,
      // Severity is a PostgreSQL enum declared (warning, critical): descending puts critical first.
      orderBy: [{ severity: "desc" }, { since: "desc" }, { id: "desc" }],
    }),
    options.state === "all"
      ? db.flag.findMany({
          where: { ...where, resolvedAt: { gte: new Date(now.getTime() - RESOLVED_DAYS * DAY) } },
          include,
          orderBy: [{ resolvedAt: "desc" }, { id: "desc" }],
          take: RESOLVED_LIMIT,
        })
      : [],
  ]);
  return {
    flags: [...open, ...resolved].map((f) => ({
      id: String(f.id),
      kind: f.kind,
      severity: f.severity,
      repo: f.repo.fullName,
      workflowId: f.workflowId === null ? null : Number(f.workflowId),
      pipeline: f.workflow?.name ?? null,
      since: f.since.toISOString(),
      openedAt: f.openedAt.toISOString(),
      resolvedAt: f.resolvedAt?.toISOString() ?? null,
      message: f.message,
      detail: isRecord(f.detail) ? f.detail : {},
    })),
  };
}

/** The flags of pipeline `workflowId` and the repository-wide ones of its repository. */
async function pipelineCondition(db: Db, workflowId: number): Promise<Prisma.FlagWhereInput> {
  const workflow = await db.workflow.findFirst({
    where: { id: BigInt(workflowId), repo: { tracked: true } },
    select: { id: true, repoId: true },
  });
  if (!workflow)
    throw new UnknownPipelineError(`no pipeline ${workflowId} in a tracked repository`);
  return { repoId: workflow.repoId, OR: [{ workflowId: workflow.id }, { workflowId: null }] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
