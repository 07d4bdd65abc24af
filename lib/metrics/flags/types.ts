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

/** `4m 12s`, `1h 05m`, `3d 4h`: durations in messages. */
export function humanDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  if (s < 86400)
    return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}
