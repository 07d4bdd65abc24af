// Downloads of job logs and artifacts. GitHub answers the API request with a 302 to a signed
// blob URL valid for a minute; the blob is fetched here, without GitHub's Authorization header
// (the blob host must not see the token), with a timeout, a byte limit enforced while
// streaming (a huge log or artifact is refused before it fills memory), and a check that the
// body is complete (a connection cut halfway must not pass for a short file).
import "server-only";
import type { Exchange, GitHubClient } from "./client.ts";
import { statusOf } from "./client.ts";

export class DownloadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`larger than the limit of ${limit} bytes`);
  }
}

/** GitHub no longer has the file (410 Gone, or 404): expired or deleted. */
export class DownloadGoneError extends Error {
  constructor(readonly status: number) {
    super(`GitHub answered ${status}`);
  }
}

export type DownloadOptions = {
  maxBytes: number;
  timeoutMs?: number;
  onExchange?: (exchange: Exchange) => void;
  /** Tries of the whole redirect + download (default 3), each with a fresh signed URL. */
  tries?: number;
  retryBaseMs?: number;
};

/** The signed URL GitHub redirects an API download request to. */
async function locate(client: GitHubClient, route: string, params: Record<string, unknown>) {
  try {
    const response = await client.request(route, { ...params, request: { redirect: "manual" } });
    const location = response.headers.location;
    if (!location) throw new Error(`GitHub answered ${route} without a download location`);
    return location;
  } catch (error: unknown) {
    const status = statusOf(error);
    if (status === 410 || status === 404) throw new DownloadGoneError(status);
    throw error;
  }
}

async function readCapped(url: string, options: DownloadOptions): Promise<Uint8Array> {
  const started = performance.now();
  const report = (status: number) =>
    options.onExchange?.({
      endpoint: "GET (download)",
      status,
      durationMs: Math.round(performance.now() - started),
      rateLimitRemaining: null,
      rateLimitResetAt: null,
    });
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 60_000) });
  } catch (error: unknown) {
    report(0);
    throw new Error(`download failed: ${String(error)}`);
  }
  report(response.status);
  if (response.status === 404 || response.status === 410)
    throw new DownloadGoneError(response.status);
  if (!response.ok || !response.body) throw new Error(`download answered ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > options.maxBytes) {
    await response.body.cancel();
    throw new DownloadTooLargeError(options.maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > options.maxBytes) {
        await reader.cancel();
        throw new DownloadTooLargeError(options.maxBytes);
      }
      chunks.push(value);
    }
  } catch (error: unknown) {
    if (error instanceof DownloadTooLargeError) throw error;
    throw new Error(`download cut off after ${size} bytes: ${String(error)}`);
  }
  // With a Content-Encoding, Content-Length counts the encoded bytes, not the ones read here.
  const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
  if (!encoded && Number.isFinite(declared) && size !== declared)
    throw new Error(`download cut off: ${size} of ${declared} bytes`);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * Downloads what an API route redirects to (`GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs`,
 * `.../artifacts/{artifact_id}/zip`). Throws DownloadGoneError, DownloadTooLargeError (both
 * final), or the last error after the tries run out.
 */
export async function downloadRedirected(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  options: DownloadOptions,
): Promise<Uint8Array> {
  const tries = options.tries ?? 3;
  let last: unknown;
  for (let attempt = 0; attempt < tries; attempt++) {
    if (attempt > 0)
      await new Promise((r) => setTimeout(r, (options.retryBaseMs ?? 1000) * 2 ** attempt));
    try {
      return await readCapped(await locate(client, route, params), options);
    } catch (error: unknown) {
      if (error instanceof DownloadGoneError || error instanceof DownloadTooLargeError) throw error;
      last = error;
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}
