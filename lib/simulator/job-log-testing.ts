// Test helpers for job logs: split a rendered log into lines and into the steps that printed them.
import type { LogJob } from "./job-log.ts";

/** `2025-04-07T12:57:33.2904078Z message`: .NET "O" format, UTC, 7 fractional digits. */
export const LOG_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z) (.*)$/;

/** The log's lines as [timestamp, message]; throws unless it is BOM + `\n`-ended log lines. */
export function parseLog(log: string): [string, string][] {
  if (!log.startsWith("\ufeff")) throw new Error("the log does not start with a BOM");
  if (!log.endsWith("\n")) throw new Error("the log does not end with a line break");
  const body = log.slice(1, -1);
  if (body.includes("\ufeff")) throw new Error("a BOM inside the log");
  if (body.includes("\r")) throw new Error("a carriage return in the log");
  return body.split("\n").map((line) => {
    const match = LOG_LINE.exec(line);
    if (!match) throw new Error(`not a log line: ${JSON.stringify(line)}`);
    return [match[1] ?? "", match[2] ?? ""];
  });
}

/** Whether a message is the first line a step prints. */
function startsStep(message: string): boolean {
  return (
    message.startsWith("Current runner version: '") ||
    message.startsWith("##[group]Run ") ||
    message === "Post job cleanup." ||
    message === "Cleaning up orphan processes"
  );
}

/** The [timestamp, message] lines of each step that ran, by step number. */
export function linesByStep(log: string, job: LogJob): Map<number, [string, string][]> {
  const ran = job.steps.filter((step) => step.conclusion !== "skipped");
  const byStep = new Map<number, [string, string][]>();
  let index = -1;
  for (const line of parseLog(log)) {
    if (startsStep(line[1])) index++;
    const step = ran[index];
    if (!step) throw new Error(`a line outside every step: ${line[1]}`);
    byStep.set(step.number, [...(byStep.get(step.number) ?? []), line]);
  }
  if (byStep.size !== ran.length)
    throw new Error(`${ran.length - byStep.size} steps printed nothing`);
  return byStep;
}
