// The success timeline's geometry: one mark per run on a time axis (created_at), the gaps
// between consecutive successes, and the open gap from the last success to now.
import { type Outcome, outcomeOf } from "./outcome.ts";

export type TimelineRun = {
  id: string;
  runNumber: number;
  status: string | null;
  conclusion: string | null;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
};

/** Lanes top to bottom: successes, failures, the rest (cancelled, skipped, unfinished...). */
export type Lane = 0 | 1 | 2;

export type TimelineMark = { run: TimelineRun; x: number; outcome: Outcome; lane: Lane };

/** From one success to the next (x: 0–1 of the axis); `broken` when a failure came between. */
export type TimelineGap = { from: number; to: number; ms: number; broken: boolean };

/** From the last success to now; `failures`: failed runs since. */
export type CurrentGap = { from: number; ms: number | null; failures: number; runs: number };

export type TimelineLayout = {
  from: number;
  to: number;
  marks: TimelineMark[];
  gaps: TimelineGap[];
  current: CurrentGap;
  ticks: { x: number; at: number }[];
  /** Where now is on the axis (a little short of its end). */
  nowX: number;
};

const laneOf = (outcome: Outcome): Lane =>
  outcome === "success" ? 0 : outcome === "failure" ? 1 : 2;

/** Lays `runs` (any order) out between the oldest one's creation and `now`. */
export function layOutTimeline(runs: TimelineRun[], now: number, tickCount = 4): TimelineLayout {
  const sorted = [...runs].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.runNumber - b.runNumber,
  );
  const first = sorted[0] ? Date.parse(sorted[0].createdAt) : now - 3_600_000;
  // A little room at both ends, so that neither the first mark nor one of a run started a moment
  // ago is cut in half by the track's edge.
  const span = Math.max(now - first, 60_000);
  const from = first - span * 0.01;
  const to = now + span * 0.01;
  const x = (at: number) => Math.min(1, Math.max(0, (at - from) / (to - from)));
  const marks = sorted.map((run) => {
    const outcome = outcomeOf(run.status, run.conclusion);
    return { run, x: x(Date.parse(run.createdAt)), outcome, lane: laneOf(outcome) };
  });
  const gaps: TimelineGap[] = [];
  let last: TimelineMark | null = null;
  let failures = 0;
  let since = 0;
  for (const mark of marks) {
    if (mark.outcome === "success") {
      if (last)
        gaps.push({
          from: last.x,
          to: mark.x,
          ms: Date.parse(mark.run.updatedAt) - Date.parse(last.run.updatedAt),
          broken: failures > 0,
        });
      last = mark;
      failures = 0;
      since = 0;
    } else {
      if (mark.outcome === "failure") failures++;
      since++;
    }
  }
  const current: CurrentGap = last
    ? { from: last.x, ms: now - Date.parse(last.run.updatedAt), failures, runs: since }
    : { from: 0, ms: null, failures, runs: since };
  const ticks = Array.from({ length: tickCount + 1 }, (_, i) => {
    const at = from + ((now - from) * i) / tickCount;
    return { x: x(at), at };
  });
  return { from, to, marks, gaps, current, ticks, nowX: x(now) };
}
