// What an alert says, whatever the channel: what happened (opened, worsened, resolved; kind,
// severity, the flag's own sentence), since when, what to check first, and where to look.
import { formatDuration } from "@/lib/format";
import type { FlagKind } from "@/lib/metrics/flags/types";

export type Transition = "opened" | "worsened" | "improved" | "resolved";

/** One flag event about to be sent (read by the dispatcher from flag_events and flags). */
export type AlertEvent = {
  /** The notification_deliveries row: the receiver's idempotency key. */
  deliveryId: string;
  flagId: string;
  transition: Transition;
  kind: FlagKind;
  severity: "warning" | "critical";
  message: string;
  /** When the transition happened (the flag evaluation that saw it). */
  at: Date;
  /** When the condition began, according to the data. */
  since: Date;
  repo: string;
  workflowId: number | null;
  workflow: string | null;
};

export type AlertContent = {
  /** One line: `Opened: deploy skipped (critical) — acme/platform · Release`. */
  title: string;
  /** What happened, the flag's own sentence. */
  message: string;
  fields: { label: string; value: string }[];
  /** What to check first. */
  runbook: string;
  link: string;
  linkLabel: string;
};

/** What to check first, per flag kind. */
export const RUNBOOK: Record<FlagKind, string> = {
  slow: "Compare the slowest steps of recent runs with older ones: a grown test suite, a lost cache or a slower runner.",
  deploy_stalled:
    "Check that the deploy workflow still triggers (its on: and branch filters) and that no run waits for an approval.",
  deploy_skipped: "Check the deploy job's `if:` condition and the branch name.",
  deploy_suspicious: "Verify the artifact really reached the registry.",
  workflow_disabled:
    "Re-enable the workflow in the repository's Actions tab if it should still run (GitHub disables scheduled workflows after 60 days without activity).",
  flaky: "Open the failing tests of the pipeline and fix or quarantine the flakiest first.",
  cache_degraded:
    "Check the cache key: a key hashing a file that changes every run (a lockfile written by the build) never hits.",
  stale_data:
    "Open the status page: the repository's sync is failing (token, rate limit or network).",
};

const KIND_LABEL: Record<FlagKind, string> = {
  slow: "slow pipeline",
  deploy_stalled: "deploys stalled",
  deploy_skipped: "deploy skipped",
  deploy_suspicious: "suspicious deploy",
  workflow_disabled: "workflow disabled",
  flaky: "flaky tests",
  cache_degraded: "cache degraded",
  stale_data: "stale data",
};

const VERB: Record<Transition, string> = {
  opened: "Opened",
  worsened: "Worsened",
  improved: "Improved",
  resolved: "Resolved",
};

/** `2026-11-26 14:05 UTC`: unambiguous for every reader, whatever their time zone. */
export function formatInstant(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** The content of an alert about `event`, linking into Pipewatch at `publicUrl`. */
export function composeAlert(event: AlertEvent, publicUrl: string): AlertContent {
  const target = event.workflow ? `${event.repo} · ${event.workflow}` : event.repo;
  const title = `${VERB[event.transition]}: ${KIND_LABEL[event.kind]} (${event.severity}) — ${target}`;
  const lasted = formatDuration(Math.max(0, event.at.getTime() - event.since.getTime()));
  const fields = [
    { label: "Pipeline", value: target },
    { label: "Severity", value: event.severity },
    { label: "Since", value: `${formatInstant(event.since)} (for ${lasted})` },
    {
      label: event.transition === "resolved" ? "Resolved" : "Noticed",
      value: formatInstant(event.at),
    },
  ];
  const link =
    event.workflowId === null
      ? `${publicUrl}/status`
      : `${publicUrl}/pipelines/${event.workflowId}`;
  return {
    title,
    message:
      event.transition === "resolved" ? `No longer the case: ${event.message}` : event.message,
    fields,
    runbook: RUNBOOK[event.kind],
    link,
    linkLabel: event.workflowId === null ? "Open the status page" : "Open the pipeline",
  };
}
