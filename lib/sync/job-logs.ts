// Cache events from job logs. Only jobs with cache steps have their log read (one download
// each); what cannot be read is recorded as such (gone, too large) rather than retried forever,
// while a transient failure fails the run's details, which the next pass fetches again.
import "server-only";
import {
  DownloadGoneError,
  DownloadTooLargeError,
  downloadRedirected,
} from "@/lib/github/download";
import { type CacheEvent, hasCacheStep, parseCacheEvents } from "@/lib/parse/cache-log";
import type { SyncContext, SyncRepo } from "./context.ts";
import type { GitHubJob } from "./github-detail-schemas.ts";

export type LogOutcome =
  | { state: "parsed"; events: CacheEvent[] }
  | { state: "gone" | "too_large"; error: string };

/** Whether a job's log is worth reading: it finished, and it has a step that uses a cache. */
export function needsLog(job: GitHubJob): boolean {
  return job.status === "completed" && hasCacheStep(job.steps ?? []);
}

/** Downloads and parses one job's log. */
/** A 404 this soon after the job completed may be a log not published yet: try again later. */
const PUBLISH_GRACE_MS = 3600_000;

export async function readJobLog(
  ctx: SyncContext,
  repo: SyncRepo,
  job: GitHubJob,
): Promise<LogOutcome> {
  const jobId = job.id;
  try {
    const bytes = await downloadRedirected(
      ctx.client,
      "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs",
      { owner: repo.owner, repo: repo.name, job_id: jobId },
      {
        maxBytes: ctx.options.maxLogBytes,
        onExchange: ctx.onExchange,
        retryBaseMs: ctx.options.retryBaseMs,
      },
    );
    return { state: "parsed", events: parseCacheEvents(new TextDecoder().decode(bytes)) };
  } catch (error: unknown) {
    if (error instanceof DownloadGoneError) {
      const completed = job.completed_at ? Date.parse(job.completed_at) : 0;
      if (error.status === 404 && ctx.now().getTime() - completed < PUBLISH_GRACE_MS)
        throw new Error(`the log of job ${jobId} is not available yet (404)`);
      return { state: "gone", error: "GitHub no longer has this log (expired or deleted)" };
    }
    if (error instanceof DownloadTooLargeError)
      return { state: "too_large", error: `log ${error.message}` };
    throw error;
  }
}
