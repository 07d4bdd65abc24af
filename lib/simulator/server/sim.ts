// The state every route handler sees: the world, the simulated clock, and how to build URLs.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { SimClock } from "../clock.ts";
import type { Urls } from "../github/repository.ts";
import type { RenderContext } from "../github/runs.ts";
import type { RepoSpec } from "../model.ts";
import type { Scenario } from "../scenarios/index.ts";
import type { World } from "../world.ts";

export type Sim = {
  world: World;
  clock: SimClock;
  scenario: Scenario;
  urls: Urls;
  /** Signs the short-lived download URLs of logs and artifacts. */
  secret: Buffer;
};

export type RouteRequest = {
  sim: Sim;
  params: Record<string, string>;
  query: URLSearchParams;
  url: URL;
  now: number;
  /** The repository named by /repos/{owner}/{repo} or /repositories/{id}, if any. */
  repo?: RepoSpec;
};

export function renderContext(request: RouteRequest): RenderContext {
  return { urls: request.sim.urls, now: request.now, world: request.sim.world };
}

/** The URL a list's Link header points at: /repositories/{id}/... for repository endpoints. */
export function linkBase(request: RouteRequest): URL {
  const base = new URL(request.url.toString());
  base.protocol = new URL(request.sim.urls.api).protocol;
  base.host = new URL(request.sim.urls.api).host;
  if (request.repo) {
    base.pathname = base.pathname.replace(
      /^\/repos\/[^/]+\/[^/]+/,
      `/repositories/${request.repo.id}`,
    );
  }
  return base;
}

const SIGNED_FOR_MS = 60_000;

/** A download URL valid for a minute, like GitHub's signed blob URLs. */
export function signedUrl(sim: Sim, path: string): string {
  const expires = Date.now() + SIGNED_FOR_MS;
  const sig = createHmac("sha256", sim.secret).update(`${path}:${expires}`).digest("hex");
  return `${sim.urls.api}${path}?se=${expires}&sig=${sig}`;
}

/** Whether a signed URL's signature is valid and unexpired. */
export function checkSignedUrl(sim: Sim, url: URL): boolean {
  const expires = Number(url.searchParams.get("se"));
  const given = Buffer.from(url.searchParams.get("sig") ?? "", "utf8");
  const expected = Buffer.from(
    createHmac("sha256", sim.secret).update(`${url.pathname}:${expires}`).digest("hex"),
  );
  return (
    Number.isFinite(expires) &&
    Date.now() <= expires &&
    given.length === expected.length &&
    timingSafeEqual(given, expected)
  );
}
