// The plain-text log of one job, as GitHub serves it from the job-logs download URL: UTF-8 with
// a BOM, one `<timestamp> <message>` line per runner write (.NET "O" format, 7 fractional
// digits), `##[group]` blocks per step, cache lines as the real actions print them.
// Deterministic: the same job always renders the same bytes.
import { type CacheUse, cacheRestoreLines, cacheSaveLines } from "./cache-lines.ts";
import { actionOutput, inputsOf, postOutput } from "./job-log-actions.ts";
import { preambleLines, type Runner, runnerOf } from "./job-log-runner.ts";
import { Random, seedOf } from "./random.ts";

export type { CacheTool, CacheUse } from "./cache-lines.ts";

export type LogStep = {
  number: number;
  name: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  startedAt: Date;
  completedAt: Date;
  conclusion: "success" | "failure" | "skipped" | "cancelled";
  /** On the restoring step; its post step "Post <name>" prints the save lines. */
  cache?: CacheUse;
  /** A post step (named "Post <main step name>"). */
  post?: boolean;
  /** Extra output lines of the step. */
  output?: string[];
};

export type LogJob = {
  name: string;
  runnerName: string;
  runnerVersion?: string;
  labels: string[];
  steps: LogStep[];
  /** "owner/name" (default "octo-org/app"): the workspace path and checkout output. */
  repository?: string;
  headSha?: string;
  headBranch?: string;
};

const TICKS_PER_MS = 10_000; // .NET ticks are 100 ns
const DEFAULT_RUNNER_VERSION = "2.331.0";

/** The lines one step prints; the first `burst` are written in the same instant, nearly. */
type Segment = { start: number; end: number; lines: string[]; burst: number };

function isSetUp(step: LogStep): boolean {
  return step.name === "Set up job" && !step.uses && !step.run;
}

function isComplete(step: LogStep): boolean {
  return step.name === "Complete job" && !step.uses && !step.run;
}

function endLines(step: LogStep): string[] {
  if (step.conclusion === "failure") return ["##[error]Process completed with exit code 1."];
  if (step.conclusion === "cancelled") return ["##[error]The operation was canceled."];
  return [];
}

type Context = {
  repository: string;
  headSha: string;
  headBranch: string;
  runner: Runner;
  random: Random;
};

function mainStepLines(step: LogStep, ctx: Context): Segment {
  const firstRunLine = step.run?.split("\n").find((line) => line.trim() !== "");
  const lines = [`##[group]Run ${step.uses ?? firstRunLine ?? step.name}`];
  let inputs = new Map<string, string>();
  if (step.uses) {
    inputs = new Map(inputsOf(step.uses, step.with, step.cache, ctx.repository));
    if (inputs.size > 0) lines.push("with:");
    for (const [name, value] of inputs) lines.push(`  ${name}: ${value.replace(/\n+$/, "")}`);
  }
  if (step.run) {
    for (const line of step.run.replace(/\n+$/, "").split("\n")) {
      lines.push(`\u001b[36;1m${line}\u001b[0m`);
    }
    lines.push(`shell: ${ctx.runner.shell}`);
  }
  lines.push("##[endgroup]");
  const burst = lines.length;
  if (step.uses) lines.push(...actionOutput(step.uses, inputs, ctx, ctx.runner, ctx.random));
  if (step.cache) lines.push(...cacheRestoreLines(step.cache, ctx.runner, ctx.random));
  lines.push(...(step.output ?? []), ...endLines(step));
  return { start: step.startedAt.getTime(), end: step.completedAt.getTime(), lines, burst };
}

function postStepLines(step: LogStep, main: LogStep | undefined, ctx: Context): Segment {
  const uses = step.uses ?? main?.uses;
  const cache = step.cache ?? main?.cache;
  const lines = ["Post job cleanup."];
  if (cache) lines.push(...cacheSaveLines(cache, ctx.runner, ctx.random));
  if (uses) lines.push(...postOutput(uses, ctx.runner, ctx.random));
  lines.push(...(step.output ?? []), ...endLines(step));
  return { start: step.startedAt.getTime(), end: step.completedAt.getTime(), lines, burst: 1 };
}

/** `2025-04-07T12:57:33.2904078Z`: the time `ticks` after `originMs`. */
function formatTicks(originMs: number, ticks: number): string {
  const ms = originMs + Math.floor(ticks / TICKS_PER_MS);
  const sub = String(ticks % TICKS_PER_MS).padStart(4, "0");
  return `${new Date(ms).toISOString().slice(0, 23)}${sub}Z`;
}

/**
 * Gives every line a timestamp inside its segment's window, never going back in time: a
 * burst of header lines a fraction of a millisecond apart, then the rest spread over the step.
 */
function timestamped(segments: Segment[], random: Random): string[] {
  const origin = Math.floor(Math.min(...segments.map((segment) => segment.start)));
  const out: string[] = [];
  let cursor = -1;
  for (const segment of segments) {
    // Messages never span lines in our output: a multi-line one becomes several lines.
    const lines = segment.lines.flatMap((line) => line.replaceAll("\r", "").split("\n"));
    const burst = Math.min(segment.burst, lines.length);
    const from = Math.round((segment.start - origin) * TICKS_PER_MS);
    const to = Math.max(from, Math.round((segment.end - origin) * TICKS_PER_MS));
    const gap = Math.max(1, Math.min(3000, Math.floor((to - from) / (4 * (lines.length + 1)))));
    const targets: number[] = [];
    let t = from;
    for (let i = 0; i < lines.length; i++) {
      if (i < burst) {
        t += Math.round(gap * (0.3 + random.next()));
        targets.push(t);
      } else {
        const body = lines.length - burst;
        const slot = (to - t) / (body - (i - burst));
        targets.push(Math.floor(t + slot * (0.2 + 0.8 * random.next())));
        t = targets.at(-1) ?? t;
      }
    }
    for (const [i, line] of lines.entries()) {
      let time = Math.min(Math.max(targets[i] ?? from, cursor + 1), to);
      if (time < cursor) time = cursor;
      cursor = time;
      out.push(`${formatTicks(origin, time)} ${line}`);
    }
  }
  return out;
}

/**
 * Renders the job's log. Skipped steps print nothing; "Set up job" prints the runner's
 * preamble and "Complete job" the orphan-process cleanup (both are added around the steps
 * when the job has no such step). A job in which no step ran has an empty log.
 */
export function renderJobLog(job: LogJob): string {
  const ran = job.steps.filter((step) => step.conclusion !== "skipped");
  const [first] = ran;
  const last = ran.at(-1);
  if (!first || !last) return "";
  const random = new Random(seedOf("job-log", job.name, first.startedAt.getTime()));
  const repository = job.repository ?? "octo-org/app";
  const ctx: Context = {
    repository,
    headSha: job.headSha ?? random.hex(40),
    headBranch: job.headBranch ?? "main",
    runner: runnerOf(job.labels, repository),
    random,
  };
  const preamble = preambleLines(
    {
      jobName: job.name,
      runnerName: job.runnerName,
      runnerVersion: job.runnerVersion ?? DEFAULT_RUNNER_VERSION,
      labels: job.labels,
      uses: job.steps.flatMap((step) => (step.uses && !step.post ? [step.uses] : [])),
      startedAt: first.startedAt,
    },
    ctx.runner,
    random,
  );
  const segments: Segment[] = [];
  const firstStart = first.startedAt.getTime();
  if (!ran.some(isSetUp)) {
    segments.push({ start: firstStart - 1500, end: firstStart, lines: preamble, burst: 0 });
  }
  for (const step of ran) {
    const main = job.steps.find((s) => !s.post && `Post ${s.name}` === step.name);
    const times = { start: step.startedAt.getTime(), end: step.completedAt.getTime() };
    if (isSetUp(step)) segments.push({ ...times, lines: preamble, burst: 0 });
    else if (isComplete(step)) {
      const lines = ["Cleaning up orphan processes", ...(step.output ?? [])];
      segments.push({ ...times, lines, burst: 0 });
    } else if (step.post || (main?.uses && !step.uses && !step.run)) {
      segments.push(postStepLines(step, main, ctx));
    } else segments.push(mainStepLines(step, ctx));
  }
  if (!ran.some(isComplete)) {
    const end = last.completedAt.getTime();
    segments.push({ start: end, end: end + 50, lines: ["Cleaning up orphan processes"], burst: 0 });
  }
  return `\ufeff${timestamped(segments, random).join("\n")}\n`;
}
