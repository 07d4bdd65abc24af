// The job timeline (Gantt) of one run, per attempt: each job's wait for a runner (created →
// started) drawn apart from its run (started → completed), on the attempt's own time axis.
import type { JobSummary, RunAttemptSummary } from "@/lib/metrics/recent-runs";
import { durationTicks } from "./chart-data.ts";

/** A segment on the axis, as fractions 0–1 of it. */
export type Segment = { left: number; width: number };

export type GanttRow = {
  job: JobSummary;
  /** Waiting for a runner; null when it never waited (or skipped). */
  queue: Segment | null;
  /** Running; null when it never started. */
  run: Segment | null;
  /** Still waiting or running at `now`. */
  open: boolean;
};

export type GanttAttempt = {
  attempt: number;
  /** The attempt as GitHub reports it; null when only its jobs are known. */
  summary: RunAttemptSummary | null;
  from: number;
  /** The axis' length in ms (at least a second). */
  span: number;
  rows: GanttRow[];
  /** Round offsets from `from`, in ms, with their place on the axis. */
  ticks: { x: number; ms: number }[];
};

const time = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** The attempts of a run, oldest first, each with its jobs laid out; `now` ends open bars. */
export function layOutGantt(
  jobs: JobSummary[],
  attempts: RunAttemptSummary[],
  now: number,
): GanttAttempt[] {
  const numbers = [
    ...new Set([...attempts.map((a) => a.attempt), ...jobs.map((j) => j.runAttempt)]),
  ];
  return numbers
    .sort((a, b) => a - b)
    .map((attempt) => {
      const summary = attempts.find((a) => a.attempt === attempt) ?? null;
      const own = jobs.filter((j) => j.runAttempt === attempt);
      const spans = own.map((job) => {
        const created = time(job.createdAt);
        const started = time(job.startedAt);
        const open = job.status !== "completed";
        const end = time(job.completedAt) ?? (open ? now : started);
        const waitEnd = started ?? (open && job.conclusion !== "skipped" ? now : null);
        return { job, created, started, end, waitEnd, open };
      });
      const points = spans.flatMap((s) => [s.created, s.started, s.end, s.waitEnd]);
      const known = points.filter((p): p is number => p !== null);
      const from =
        known.length > 0 ? Math.min(...known) : (time(summary?.createdAt ?? null) ?? now);
      const to = known.length > 0 ? Math.max(...known) : from;
      const span = Math.max(to - from, 1000);
      const segment = (a: number | null, b: number | null): Segment | null =>
        a === null || b === null || b <= a
          ? null
          : { left: (a - from) / span, width: (b - a) / span };
      const rows = spans.map((s) => ({
        job: s.job,
        queue: segment(s.created, s.waitEnd),
        run: segment(s.started, s.end),
        open: s.open,
      }));
      const ticks = durationTicks(span)
        .filter((ms) => ms <= span)
        .map((ms) => ({ x: ms / span, ms }));
      return { attempt, summary, from, span, rows, ticks };
    });
}
