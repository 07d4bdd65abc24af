// The simulator's own endpoints: signed blob downloads (logs, artifacts) and /_sim/ controls
// (ground truth, clock, stats) for tests and the demo.
import type { IncomingMessage } from "node:http";
import { errorResponse, notFound, type SimResponse } from "./http.ts";
import { artifactBytes, jobLogText } from "./routes-downloads.ts";
import { checkSignedUrl, type RouteRequest, type Sim } from "./sim.ts";

const DAY = 24 * 3600 * 1000;

export function blobResponse(sim: Sim, url: URL, now: number): SimResponse {
  if (!checkSignedUrl(sim, url)) {
    return {
      status: 403,
      raw: {
        bytes:
          '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Signature not valid in the specified time frame</Message></Error>',
        contentType: "application/xml",
      },
      spend: false,
    };
  }
  const request: RouteRequest = { sim, params: {}, query: url.searchParams, url, now };
  const log = /^\/_sim\/blobs\/logs\/(\d+)$/.exec(url.pathname);
  if (log) return jobLogText(request, Number(log[1]));
  const artifact = /^\/_sim\/blobs\/artifacts\/(\d+)$/.exec(url.pathname);
  if (artifact) return artifactBytes(request, Number(artifact[1]));
  return notFound();
}

export function controlResponse(sim: Sim, req: IncomingMessage, url: URL): SimResponse {
  if (url.pathname === "/_sim/truth") {
    // The flags expected now: some begin or end as live time goes on.
    const now = sim.clock.now();
    const truth = sim.scenario.truth;
    const flags = truth.flags.filter(
      (f) => (f.from ?? -Infinity) <= now && now < (f.until ?? Infinity),
    );
    const flagged = new Set(flags.map((f) => `${f.repo}|${f.workflow}`));
    const healthy = truth.healthy.filter((p) => !flagged.has(`${p.repo}|${p.workflow}`));
    return {
      status: 200,
      body: {
        scenario: sim.scenario.name,
        now: new Date(now).toISOString(),
        flags,
        healthy,
        facts: truth.facts,
      },
      spend: false,
    };
  }
  if (url.pathname === "/_sim/stats") {
    const memory = process.memoryUsage();
    const now = sim.clock.now();
    const runs = sim.world.repos.reduce(
      (sum, repo) => sum + sim.world.runs(repo.id, now).length,
      0,
    );
    const body = {
      now: new Date(now).toISOString(),
      runs,
      heapUsedBytes: memory.heapUsed,
      rssBytes: memory.rss,
    };
    return { status: 200, body, spend: false };
  }
  if (url.pathname === "/_sim/clock" && req.method === "POST") {
    const ms = Number(url.searchParams.get("advance_ms"));
    if (!Number.isFinite(ms) || ms < 0 || ms > 7 * DAY) {
      return errorResponse(422, "advance_ms must be a number of milliseconds from 0 to 7 days");
    }
    sim.clock.advance(ms);
    return { status: 200, body: { now: new Date(sim.clock.now()).toISOString() }, spend: false };
  }
  if (url.pathname === "/_sim/clock")
    return { status: 200, body: { now: new Date(sim.clock.now()).toISOString() }, spend: false };
  return notFound();
}
