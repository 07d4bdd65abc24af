// The one factory of react-query keys: every hook builds its key here, so invalidating
// "everything about pipelines" is one prefix.
import type { QueryParams } from "./fetch-json.ts";

export const queryKeys = {
  all: ["pipewatch"] as const,
  pipelines: (params: QueryParams) => ["pipewatch", "pipelines", params] as const,
  sparklines: (params: QueryParams) => ["pipewatch", "sparklines", params] as const,
  pipeline: (id: string, params: QueryParams) => ["pipewatch", "pipeline", id, params] as const,
  runs: (params: QueryParams) => ["pipewatch", "runs", params] as const,
  flags: (params: QueryParams) => ["pipewatch", "flags", params] as const,
  flakyTests: (params: QueryParams) => ["pipewatch", "flaky-tests", params] as const,
  testHistory: (params: QueryParams) => ["pipewatch", "test-history", params] as const,
  sync: () => ["pipewatch", "sync"] as const,
};
