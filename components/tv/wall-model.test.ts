import { describe, expect, it } from "vitest";
import type { ListedFlag } from "@/lib/metrics/flag-list";
import { examplePipeline } from "@/lib/metrics/pipeline-testing";
import type { Pipeline } from "@/lib/metrics/pipelines";
import { buildTiles, countTiles, toTile } from "./wall-model.ts";

const NOW = Date.parse("2026-11-27T12:00:00Z");

function pipeline(over: Partial<Pipeline> & { id: string }): Pipeline {
  return examplePipeline(over);
}

const skipped = {
  kind: "deploy_skipped",
  severity: "critical",
  since: "2026-11-20T00:00:00Z",
  message: 'Deploy skipped for 5 runs: "deploy" in "CD" was skipped',
};

describe("toTile", () => {
  it("names the state in a word and ranks it", () => {
    expect(toTile(pipeline({ id: "1" }), [], NOW)).toMatchObject({
      state: "passing",
      level: "healthy",
      headline: null,
    });
    const failed = pipeline({
      id: "2",
      lastRun: {
        id: "9",
        runNumber: 9,
        status: "completed",
        conclusion: "failure",
        createdAt: "",
        durationMs: null,
        htmlUrl: "",
      },
    });
    expect(toTile(failed, [], NOW)).toMatchObject({
      state: "failing",
      level: "critical",
      headline: "Last run failed",
    });
    const running = pipeline({
      id: "3",
      lastRun: {
        id: "9",
        runNumber: 9,
        status: "in_progress",
        conclusion: null,
        createdAt: "",
        durationMs: null,
        htmlUrl: "",
      },
    });
    expect(toTile(running, [], NOW)).toMatchObject({
      state: "running",
      level: "healthy",
      running: true,
    });
  });

  it("times the last run once completed, else keeps the window's median", () => {
    const done = pipeline({ id: "5" });
    const lastRun = done.lastRun ? { ...done.lastRun, durationMs: 760_000 } : null;
    expect(toTile({ ...done, lastRun }, [], NOW)).toMatchObject({
      lastDurationMs: 760_000,
      p50Ms: 60_000,
    });
    expect(toTile(pipeline({ id: "6" }), [], NOW).lastDurationMs).toBeNull();
  });

  it("heads the tile with its most severe flag, in few words from the flag's numbers", () => {
    const p = pipeline({
      id: "4",
      flags: [
        {
          kind: "flaky",
          severity: "warning",
          since: "2026-11-01T00:00:00Z",
          message: "Flaky: many",
        },
        skipped,
      ],
    });
    const listed: ListedFlag[] = [
      {
        id: "1",
        kind: "deploy_skipped",
        severity: "critical",
        repo: "acme/api",
        workflowId: 4,
        pipeline: "W4",
        since: skipped.since,
        openedAt: skipped.since,
        resolvedAt: null,
        message: skipped.message,
        detail: { runs: 6 },
      },
    ];
    expect(toTile(p, listed, NOW)).toMatchObject({
      state: "flagged",
      level: "critical",
      headline: "Deploy skipped for 6 runs",
      moreFlags: 1,
    });
    // Without the flags' numbers (not fetched yet): the message's first clause.
    expect(toTile(p, undefined, NOW).headline).toBe("Deploy skipped for 5 runs");
  });
});

describe("buildTiles", () => {
  const all = [
    pipeline({ id: "1" }),
    pipeline({ id: "2", repo: "acme/web", flags: [skipped] }),
    pipeline({ id: "3", repo: "other/x", flags: [{ ...skipped, severity: "warning" }] }),
  ];

  it("orders critical, warning, healthy and keeps the screen's repositories", () => {
    expect(buildTiles(all, [], [], NOW).map((t) => t.id)).toEqual(["2", "3", "1"]);
    expect(buildTiles(all, [], ["acme/*"], NOW).map((t) => t.id)).toEqual(["2", "1"]);
    expect(buildTiles(all, [], ["ACME/api", "other/x"], NOW).map((t) => t.id)).toEqual(["3", "1"]);
    expect(countTiles(buildTiles(all, [], [], NOW))).toEqual({
      critical: 1,
      warning: 1,
      healthy: 1,
    });
  });
});
