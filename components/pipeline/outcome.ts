// How a run's or a job's status and conclusion read on the pipeline page: a group that picks the
// colour and the icon's shape, and the exact word, so colour is never the only signal.

/** The groups of docs/metrics.md (success, failures, cancelled), plus unfinished and the rest. */
export type Outcome =
  | "success"
  | "failure"
  | "cancelled"
  | "skipped"
  | "running"
  | "queued"
  | "other";

const FAILURES = new Set(["failure", "timed_out", "startup_failure"]);
const RUNNING = new Set(["in_progress"]);
const QUEUED = new Set(["queued", "waiting", "requested", "pending"]);

/** The outcome of a latest attempt or a job from GitHub's status and conclusion. */
export function outcomeOf(status: string | null, conclusion: string | null): Outcome {
  if (status !== null && status !== "completed") {
    if (RUNNING.has(status)) return "running";
    if (QUEUED.has(status)) return "queued";
  }
  if (conclusion === null) return status === "completed" ? "other" : "running";
  if (conclusion === "success") return "success";
  if (FAILURES.has(conclusion)) return "failure";
  if (conclusion === "cancelled") return "cancelled";
  if (conclusion === "skipped") return "skipped";
  return "other";
}

/** The word shown beside the icon: the conclusion as GitHub names it, or the status. */
export function outcomeLabel(status: string | null, conclusion: string | null): string {
  const outcome = outcomeOf(status, conclusion);
  const word =
    outcome === "running"
      ? "in progress"
      : outcome === "queued"
        ? (status ?? "queued")
        : (conclusion ?? status ?? "unknown");
  return word.replaceAll("_", " ");
}

/** The colour family of each outcome (CSS classes of the page's module). */
export const OUTCOME_TONE: Record<Outcome, "ok" | "bad" | "muted" | "warn" | "accent"> = {
  success: "ok",
  failure: "bad",
  cancelled: "muted",
  skipped: "muted",
  running: "accent",
  queued: "warn",
  other: "warn",
};
