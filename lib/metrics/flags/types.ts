// What a flag rule raises: a condition on one pipeline (or, workflowId null, a repository),
// with a severity, when it began according to the data, and one sentence a human can act on.

export type FlagKind =
  | "slow"
  | "deploy_stalled"
  | "deploy_skipped"
  | "deploy_suspicious"
  | "workflow_disabled"
  | "flaky"
  | "cache_degraded"
  | "stale_data";

export type Candidate = {
  kind: FlagKind;
  severity: "warning" | "critical";
  repoId: number;
  workflowId: number | null;
  since: Date;
  message: string;
  detail: Record<string, unknown>;
};

/** At most one open flag per kind and target. */
export function openKeyOf(c: Pick<Candidate, "kind" | "repoId" | "workflowId">): string {
  return `${c.kind}:${c.workflowId === null ? `repo-${c.repoId}` : c.workflowId}`;
}

/** `4m 12s`, `1h 05m`, `3d 4h`: durations in messages, as the pages show them. */
export { formatDuration as humanDuration } from "@/lib/format";
