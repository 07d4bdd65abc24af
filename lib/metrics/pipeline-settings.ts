// Per-pipeline settings that override detection and defaults (docs/metrics.md): the `slow`
// threshold, whether the pipeline deploys, and which job is its deploy job. Kept on the
// workflow's row, which syncs never overwrite.
import "server-only";
import type { Db } from "@/lib/db/client";
import { DEFAULT_SLOW_THRESHOLD_MS } from "./flags/rules-basic.ts";

export type PipelineSettings = {
  repo: string;
  workflowId: number;
  name: string;
  path: string;
  /** The pipeline's own threshold; null: the default (10 minutes). */
  slowThresholdMs: number | null;
  /** true or false as configured; null: detected from names and deployments. */
  isDeploy: boolean | null;
  /** The configured deploy job; null: detected. */
  deployJobName: string | null;
};

export type SettingsChange = Partial<
  Pick<PipelineSettings, "slowThresholdMs" | "isDeploy" | "deployJobName">
>;

export type PipelineSelector = { repo?: string; workflow?: string };

/** Thrown when a selector matches no pipeline, or several where one is needed. */
export class PipelineSelectionError extends Error {}

const MAX_THRESHOLD_MS = 7 * 86_400_000;

/**
 * Parses a threshold such as `15m`, `90s`, `1h30m` or `default` (null: back to the default).
 * Throws a message naming the accepted forms.
 */
export function parseThreshold(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === "default") return null;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  const [, h = "0", m = "0", s = "0"] = match ?? [];
  const ms = ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000;
  if (!match || value === "" || ms < 1000 || ms > MAX_THRESHOLD_MS)
    throw new PipelineSelectionError(
      `a threshold is a duration from 1s to 168h such as 15m, 90s or 1h30m, or "default", got "${text}"`,
    );
  return ms;
}

/** The pipelines of tracked repositories matching `selector`, with their settings. */
export async function listPipelineSettings(
  db: Db,
  selector: PipelineSelector = {},
): Promise<PipelineSettings[]> {
  const workflow = selector.workflow?.trim();
  const byId = workflow && /^\d{1,15}$/.test(workflow) ? BigInt(workflow) : undefined;
  const rows = await db.workflow.findMany({
    where: {
      repo: {
        tracked: true,
        ...(selector.repo ? { fullName: { equals: selector.repo, mode: "insensitive" } } : {}),
      },
      ...(workflow
        ? {
            OR: [
              ...(byId !== undefined ? [{ id: byId }] : []),
              { name: { equals: workflow, mode: "insensitive" as const } },
              { path: { endsWith: `/${workflow}` } },
            ],
          }
        : {}),
    },
    include: { repo: { select: { fullName: true } } },
    orderBy: [{ repo: { fullName: "asc" } }, { name: "asc" }],
  });
  return rows.map((w) => ({
    repo: w.repo.fullName,
    workflowId: Number(w.id),
    name: w.name,
    path: w.path,
    slowThresholdMs: w.slowThresholdMs,
    isDeploy: w.isDeploy,
    deployJobName: w.deployJobName,
  }));
}

/** Applies `change` to the one pipeline `selector` names; returns its new settings. */
export async function updatePipelineSettings(
  db: Db,
  selector: PipelineSelector,
  change: SettingsChange,
): Promise<PipelineSettings> {
  const matches = await listPipelineSettings(db, selector);
  const [one, ...others] = matches;
  if (!one)
    throw new PipelineSelectionError(
      `no pipeline matches ${describeSelector(selector)} in a tracked repository (has it been synced yet?)`,
    );
  if (others.length > 0)
    throw new PipelineSelectionError(
      `${matches.length} pipelines match ${describeSelector(selector)}: ${matches.map((m) => `${m.repo} "${m.name}" (${m.workflowId})`).join(", ")}; name the repository or the workflow id`,
    );
  await db.workflow.update({ where: { id: BigInt(one.workflowId) }, data: change });
  return { ...one, ...change };
}

function describeSelector(selector: PipelineSelector): string {
  const parts = [selector.repo, selector.workflow && `"${selector.workflow}"`].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "(neither --repo nor --workflow given)";
}

/** The threshold in force for a pipeline. */
export function effectiveThresholdMs(settings: Pick<PipelineSettings, "slowThresholdMs">): number {
  return settings.slowThresholdMs ?? DEFAULT_SLOW_THRESHOLD_MS;
}
