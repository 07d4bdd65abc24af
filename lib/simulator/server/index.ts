// The simulator's HTTP server: authentication (a token, or a GitHub App's JWT and installation
// tokens), the rate-limit budget, conditional requests and GitHub's headers around the route
// handlers; signed blob URLs for logs and artifacts; and a few /_sim/ endpoints for tests and
// the demo (ground truth, clock).
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { SimClock } from "../clock.ts";
import { renderRateLimit } from "../github/objects.ts";
import { buildScenario, SCENARIO_NAMES } from "../scenarios/index.ts";
import { startWebhookSender, type WebhookSender } from "../webhooks.ts";
import { World } from "../world.ts";
import { AppAuthority, type AppOptions, type TokenStatus } from "./app-auth.ts";
import { blobResponse, controlResponse } from "./control.ts";
import { deliver, type Reply, send, serverError } from "./deliver.ts";
import { FaultInjector, groupOf, parseFaultSpec } from "./faults.ts";
import { errorResponse, etagMatches, notFound, type SimResponse, weakEtag } from "./http.ts";
import {
  ARTIFACT_FAULTS,
  JSON_FAULTS,
  LOG_FAULTS,
  type MalformedKind,
  spoilBlob,
  spoilJson,
} from "./malformed.ts";
import { OAuthAuthority, type OAuthOptions } from "./oauth.ts";
import { serveOAuth } from "./oauth-web.ts";
import { RateLimiter, rateLimitHeaders } from "./rate-limit.ts";
import { matchRoute } from "./routes.ts";
import { appResponse } from "./routes-app.ts";
import { userResponse } from "./routes-user.ts";
import type { RouteRequest, Sim } from "./sim.ts";

const DAY = 24 * 3600 * 1000;

export type SimulatorOptions = {
  scenario: string;
  seed: number;
  days: number;
  /** The simulated time at start (default: now). */
  now?: number;
  /** Where the generated history ends and live time begins (default: `now`). A simulator
   *  restarted with the same historyEnd (and seed) serves the same history, plus what
   *  happened in live time since: what `npm run demo` needs to keep its data across restarts. */
  historyEnd?: number;
  /** Simulated milliseconds per real millisecond; 0 freezes time. */
  speed: number;
  host: string;
  port: number;
  /** When set, the only token accepted besides the App's installation tokens (others get 401
   *  Bad credentials). */
  token?: string;
  /** A GitHub App: its JWTs are accepted on the App endpoints, which issue installation tokens
   *  for its installations. Unset: the App endpoints answer 401. */
  app?: AppOptions;
  /** Requests per token per window, and the window (GitHub: 5,000 an hour). */
  budget: number;
  budgetWindowMs: number;
  /** A fault plan (see faults.ts), e.g. "*:5xx=0.1,jobs:hang=0.02". */
  faults?: string;
  /** Where to POST workflow_run and workflow_job webhooks as time passes, and their secret. */
  webhook?: { url: string; secret: string };
  /** An OAuth app people sign in to (the web flow under /login/oauth/, then /user and their
   *  memberships with the token). Unset: those answer 404. */
  oauth?: OAuthOptions;
};

export type RunningSimulator = {
  url: string;
  sim: Sim;
  limiter: RateLimiter;
  server: Server;
  webhooks: WebhookSender | null;
  app: AppAuthority | null;
  oauth: OAuthAuthority | null;
  close: () => Promise<void>;
};

function tokenOf(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization ?? "";
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** Decides the answer to one request (sending it is the caller's job). */
function handle(
  sim: Sim,
  limiter: RateLimiter,
  options: SimulatorOptions,
  app: AppAuthority | null,
  oauth: OAuthAuthority | null,
  faults: FaultInjector | null,
  req: IncomingMessage,
): Reply {
  const url = new URL(req.url ?? "/", sim.urls.api);
  const now = sim.clock.now();
  const common: Record<string, string> = {
    "x-github-api-version-selected": "2022-11-28",
    "x-github-media-type": "github.v3; format=json",
    "x-github-request-id": randomUUID().toUpperCase().slice(0, 23).replaceAll("-", ":"),
  };
  const fault = faults?.next(groupOf(url.pathname)) ?? null;
  if (url.pathname.startsWith("/_sim/blobs/")) {
    // Blob storage fails in its own ways: 5xx, hangs, cut-off downloads.
    if (fault === "5xx") return { response: serverError(faults?.pick(3) ?? 0), headers: {} };
    if (fault === "hang") return { response: { status: 200 }, headers: {}, fault: "hang" };
    const spoil = fault === "truncate" ? "truncate" : undefined;
    const blob = blobResponse(sim, url, now);
    const kinds: readonly string[] = url.pathname.includes("/logs/") ? LOG_FAULTS : ARTIFACT_FAULTS;
    const malformed =
      fault && kinds.includes(fault) ? spoilBlob(blob, fault as MalformedKind) : blob;
    return { response: malformed, headers: {}, fault: spoil };
  }

  const token = tokenOf(req);
  // The App endpoints take the App's JWT instead of a token; they spend no budget and get no
  // injected faults.
  const appAnswer = appResponse(sim, app, req.method ?? "GET", url.pathname, token);
  if (appAnswer) return { response: appAnswer, headers: common };
  // A signed-in user's token: their profile and memberships, outside the Actions budget.
  const userAnswer = oauth ? userResponse(oauth, sim.urls, url.pathname, token) : undefined;
  if (userAnswer) return { response: userAnswer, headers: common };
  const tokenStatus: TokenStatus = app?.statusOf(token) ?? { kind: "other" };
  const accepted =
    tokenStatus.kind === "installation" ||
    (tokenStatus.kind === "other" && (options.token === undefined || token === options.token));
  if (!accepted) {
    const message = token === undefined ? "Requires authentication" : "Bad credentials";
    return {
      response: errorResponse(401, message, "https://docs.github.com/rest"),
      headers: common,
    };
  }
  if (url.pathname.startsWith("/_sim/"))
    return { response: controlResponse(sim, req, url), headers: {} };
  // An installation's tokens share its budget, as on GitHub (a new token brings no new budget).
  const budgetKey =
    tokenStatus.kind === "installation"
      ? `installation:${tokenStatus.installationId}`
      : (token ?? `anonymous:${req.socket.remoteAddress}`);
  if (faults?.shouldExhaust()) limiter.exhaust(budgetKey);
  const budgetHeaders = () => rateLimitHeaders(limiter.state(budgetKey));
  if (fault === "5xx")
    return {
      response: serverError(faults?.pick(3) ?? 0),
      headers: { ...common, ...budgetHeaders() },
    };
  if (fault === "hang") return { response: { status: 200 }, headers: common, fault: "hang" };
  if (fault === "secondary") {
    // GitHub answers a secondary limit with 403 or 429; both carry retry-after.
    const status = faults?.pick(2) === 0 ? 403 : 429;
    const body = errorResponse(
      status,
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
    );
    const retryAfter = String(faults?.plan.retryAfterSeconds ?? 60);
    return {
      response: body,
      headers: { ...common, ...budgetHeaders(), "retry-after": retryAfter },
    };
  }
  if (url.pathname === "/rate_limit") {
    const state = limiter.state(budgetKey);
    return {
      response: { status: 200, body: renderRateLimit(state.limit, state.remaining, state.resetAt) },
      headers: { ...common, ...rateLimitHeaders(state), "cache-control": "no-cache" },
    };
  }
  if (req.method !== "GET" && req.method !== "HEAD")
    return { response: notFound(), headers: common };

  const match = matchRoute(url.pathname);
  let response: SimResponse;
  if (!match) response = notFound();
  else {
    const request: RouteRequest = { sim, params: match.params, query: url.searchParams, url, now };
    if (match.repoScoped) {
      request.repo =
        match.params.repo_id !== undefined
          ? sim.world.repoById(Number(match.params.repo_id))
          : sim.world.repo(match.params.owner ?? "", match.params.repo ?? "");
    }
    response = match.repoScoped && !request.repo ? notFound() : match.handler(request);
  }
  const jsonFault = JSON_FAULTS.find((kind) => kind === fault);
  // Spoilt before its ETag is computed, as GitHub would tag what it sent.
  if (jsonFault && response.status === 200 && response.body !== undefined)
    response = { ...response, body: spoilJson(response.body, jsonFault) };

  const headers: Record<string, string> = {
    ...common,
    "cache-control": "private, max-age=60, s-maxage=60",
    vary: "Accept, Authorization, Cookie, X-GitHub-OTP",
  };
  if (response.status === 200 && response.body !== undefined) {
    const etag = weakEtag(JSON.stringify(response.body));
    headers.etag = etag;
    if (etagMatches(req.headers["if-none-match"], etag)) {
      // A 304 does not count against the rate limit.
      return {
        response: { status: 304 },
        headers: { ...headers, ...rateLimitHeaders(limiter.state(budgetKey)) },
      };
    }
  }
  if (response.spend !== false && !limiter.spend(budgetKey)) {
    const state = limiter.state(budgetKey);
    const exceeded = errorResponse(
      403,
      "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.",
      "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
    );
    return { response: exceeded, headers: { ...common, ...rateLimitHeaders(state) } };
  }
  const spoil = fault === "truncate" || fault === "badjson" ? fault : undefined;
  return {
    response,
    headers: { ...headers, ...rateLimitHeaders(limiter.state(budgetKey)) },
    fault: spoil,
  };
}

/** Builds the scenario's world and serves it; resolves once listening. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const start = options.now ?? Date.now();
  const historyEnd = Math.min(options.historyEnd ?? start, start);
  const scenario = buildScenario(options.scenario, { now: historyEnd, days: options.days });
  if (!scenario)
    throw new Error(`unknown scenario "${options.scenario}" (known: ${SCENARIO_NAMES.join(", ")})`);
  const world = new World(scenario.repos, {
    seed: options.seed,
    historyStart: historyEnd - options.days * DAY,
    historyEnd,
    liveRateFactor: scenario.liveRateFactor,
  });
  const clock = new SimClock(start, options.speed);
  const limiter = new RateLimiter(options.budget, options.budgetWindowMs);
  const app = options.app ? new AppAuthority(options.app, historyEnd - options.days * DAY) : null;
  const sim: Sim = {
    world,
    clock,
    scenario,
    urls: { api: "", html: "https://github.com" },
    secret: randomBytes(32),
  };
  const faults = options.faults
    ? new FaultInjector(parseFaultSpec(options.faults), options.seed)
    : null;
  const hung = new Set<ServerResponse>();
  const oauth = options.oauth ? new OAuthAuthority(options.oauth) : null;
  const server = createServer((req, res) => {
    if (oauth && req.url?.startsWith("/login/oauth/")) {
      void serveOAuth(oauth, req, res);
      return;
    }
    try {
      deliver(res, handle(sim, limiter, options, app, oauth, faults, req), hung);
    } catch (error: unknown) {
      console.error("simulator: handler failed:", error);
      if (!res.headersSent) send(res, errorResponse(500, "Server Error"), {});
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${options.host}:${port}`;
  sim.urls.api = url;
  world.extendTo(start);
  const webhooks = options.webhook ? startWebhookSender(sim, options.webhook) : null;
  return {
    url,
    sim,
    limiter,
    server,
    webhooks,
    app,
    oauth,
    close: () =>
      new Promise<void>((resolve) => {
        webhooks?.stop();
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
