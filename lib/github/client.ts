// The GitHub client: @octokit/rest with throttling (primary and secondary rate limits) and
// retries (5xx, timeouts, garbled bodies), a timeout per HTTP exchange, and a callback for
// every exchange so that each request is counted by endpoint and status. Authenticates with a
// token or as a GitHub App (installation tokens fetched through the same instrumented fetch).
import "server-only";
import { createAppAuth } from "@octokit/auth-app";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

const ClientClass = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof ClientClass>;

/** One HTTP exchange with GitHub (retries are separate exchanges: each spends budget). */
export type Exchange = {
  /** e.g. "GET /repos/{owner}/{repo}/actions/runs/{id}/jobs" */
  endpoint: string;
  /** HTTP status, or 0 when no answer came (timeout, connection error). */
  status: number;
  durationMs: number;
  rateLimitRemaining: number | null;
  rateLimitResetAt: Date | null;
};

/**
 * A token, or a GitHub App: with `installationId` the client acts as that installation (its
 * tokens are fetched and renewed as needed); without it, as the App itself (a JWT), which only
 * the App endpoints (/app/..., /users/{username}/installation, ...) accept.
 */
export type ClientAuth =
  | { token: string }
  | { appId: number; privateKey: string; installationId?: number };

export type ClientOptions = {
  baseUrl: string;
  auth: ClientAuth;
  /** Longest wait for one HTTP exchange (default 30 s). */
  timeoutMs?: number;
  /** Longest wait for a primary rate-limit reset before failing instead (default 60 s). */
  maxRateLimitWaitMs?: number;
  /** Retries of a failed exchange (default 3) and the base of their back-off (default 1 s). */
  retries?: number;
  retryBaseMs?: number;
  onExchange?: (exchange: Exchange) => void;
  log?: (line: string) => void;
  /** Aborted when the process stops: requests in flight end at once, and are not retried. */
  signal?: AbortSignal;
};

/** Turns a request URL into its endpoint template, for counting. */
export function endpointOf(method: string, url: string): string {
  const { pathname, host } = new URL(url);
  if (
    pathname.startsWith("/_sim/blobs/") ||
    /blob\.core\.windows\.net|actions\.githubusercontent\.com/.test(host)
  ) {
    return `${method} (download)`;
  }
  const path = pathname
    .replace(/^\/api\/v3/, "")
    .replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/{owner}/{repo}")
    .replace(/^\/repositories\/\d+/, "/repos/{owner}/{repo}")
    .replace(/^\/(orgs|users)\/[^/]+/, "/$1/{owner}")
    .replace(/\/\d+(?=\/|$)/g, "/{id}");
  return `${method} ${path}`;
}

function numberHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  return value === null || value === "" || Number.isNaN(Number(value)) ? null : Number(value);
}

/** Why a request got no answer, in words: a timeout, or the network's error code and message. */
function failureReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === "TimeoutError")
    return `no answer within ${timeoutMs} ms`;
  const cause =
    error instanceof Error
      ? (error.cause as { code?: string; message?: string } | undefined)
      : undefined;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ""}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * fetch with a timeout per exchange, a record of every exchange, and JSON checked before
 * Octokit sees it: Octokit would hand a garbled JSON body over as a string, while an error
 * here becomes a retried 500.
 */
function instrumentedFetch(options: ClientOptions): typeof fetch {
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (input, init) => {
    const url =
      typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    const method = (init?.method ?? "GET").toUpperCase();
    const signals = [AbortSignal.timeout(timeoutMs), init?.signal, options.signal].filter(
      (s): s is AbortSignal => !!s,
    );
    const started = performance.now();
    const record = (status: number, headers: Headers | null) => {
      const reset = headers ? numberHeader(headers, "x-ratelimit-reset") : null;
      options.onExchange?.({
        endpoint: endpointOf(method, url),
        status,
        durationMs: Math.round(performance.now() - started),
        rateLimitRemaining: headers ? numberHeader(headers, "x-ratelimit-remaining") : null,
        rateLimitResetAt: reset === null ? null : new Date(reset * 1000),
      });
    };
    let response: Response;
    let body: ArrayBuffer;
    try {
      response = await fetch(input, { ...init, signal: AbortSignal.any(signals) });
      // Read a copy (the timeout covers the body too); Octokit reads the original, which
      // keeps its URL (octokit.paginate needs it).
      body = await response.clone().arrayBuffer();
    } catch (error: unknown) {
      record(0, null);
      // Octokit passes an AbortError through untouched (its other errors are retried 500s).
      if (options.signal?.aborted) throw new DOMException("Pipewatch is stopping", "AbortError");
      throw new Error(
        `GitHub request failed: ${method} ${new URL(url).origin}${new URL(url).pathname}: ${failureReason(error, timeoutMs)}`,
      );
    }
    record(response.status, response.headers);
    const json = /\bjson\b/.test(response.headers.get("content-type") ?? "");
    if (json && response.ok && body.byteLength > 0) {
      try {
        JSON.parse(new TextDecoder().decode(body));
      } catch {
        throw new Error(
          `GitHub sent invalid JSON (${body.byteLength} bytes) for ${method} ${new URL(url).pathname}`,
        );
      }
    }
    return response;
  };
}

/** Octokit's auth options: a token as is, or the App strategy with its credentials. */
function authOptions(auth: ClientAuth) {
  if ("token" in auth) return { auth: auth.token };
  // createAppAuth rejects an installationId key that is present but undefined.
  const { appId, privateKey, installationId } = auth;
  const installation = installationId === undefined ? {} : { installationId };
  return { authStrategy: createAppAuth, auth: { appId, privateKey, ...installation } };
}

/**
 * An authenticated client for `baseUrl` (api.github.com, GHES or the simulator). With App auth,
 * the installation-token requests go through the same base URL and instrumented fetch, so they
 * work against GHES and the simulator and are counted by `onExchange`.
 */
// The throttling plugin keeps its limiters in module-wide groups, keyed by `throttle.id`: one id
// per client gives each its own, so that a client made anew (after a wall-clock jump back, which
// makes Bottleneck hold requests for as long as the jump: worker.ts) does not inherit the old.
let clientSerial = 0;

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const log = options.log ?? (() => undefined);
  const maxWaitMs = options.maxRateLimitWaitMs ?? 60_000;
  return new ClientClass({
    ...authOptions(options.auth),
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    userAgent: "pipewatch",
    request: { fetch: instrumentedFetch(options) },
    // Octokit logs every failed request at "error"; the sync reports failures itself.
    log: { debug: () => undefined, info: () => undefined, warn: log, error: () => undefined },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: options.retryBaseMs ?? 1_000 },
    throttle: {
      id: `pipewatch-${++clientSerial}`,
      onRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        retryCount: number,
      ) => {
        const wait = retryAfter * 1000;
        if (retryCount < 1 && wait <= maxWaitMs) {
          log(
            `GitHub rate limit reached; retrying ${request.method} ${request.url} in ${retryAfter} s`,
          );
          return true;
        }
        return false;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        retryCount: number,
      ) => {
        if (retryCount < 3 && retryAfter * 1000 <= maxWaitMs) {
          log(
            `GitHub secondary rate limit; retrying ${request.method} ${request.url} in ${retryAfter} s`,
          );
          return true;
        }
        return false;
      },
    },
  });
}

/** The HTTP status an Octokit error carries, if any. */
export function statusOf(error: unknown): number | undefined {
  return typeof error === "object" && error !== null
    ? (error as { status?: number }).status
    : undefined;
}

/** Whether an Octokit error is GitHub's "304 Not Modified" (an unchanged resource). */
export function isNotModified(error: unknown): boolean {
  return statusOf(error) === 304;
}
