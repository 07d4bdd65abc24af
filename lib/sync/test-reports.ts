// Test results from test-report artifacts: artifacts whose names match the configured pattern
// are downloaded (size-limited), unzipped (zip-bomb-limited) and their XML files parsed as
// JUnit. An artifact that cannot be used (expired, too large, not JUnit) is recorded with the
// reason; a transient failure fails the run's details, which the next pass fetches again.
import "server-only";
import {
  DownloadGoneError,
  DownloadTooLargeError,
  downloadRedirected,
} from "@/lib/github/download";
import {
  JUnitLimitError,
  JUnitSyntaxError,
  type ParsedTestCase,
  parseJUnit,
} from "@/lib/parse/junit";
import { UnzipLimitError, unzipFiles } from "@/lib/parse/unzip";
import type { SyncContext, SyncRepo } from "./context.ts";
import { artifactSchema, type GitHubArtifact } from "./github-detail-schemas.ts";
import { parseGitHub } from "./github-schemas.ts";

/** A 404 this soon after the upload may be an artifact not published yet: try again later. */
const PUBLISH_GRACE_MS = 3600_000;

export type ArtifactOutcome = {
  artifact: GitHubArtifact;
  state: "parsed" | "expired" | "skipped" | "failed";
  reason: string | null;
  cases: ParsedTestCase[];
};

/** The run's artifacts whose names match the test-report pattern. */
export async function listTestReports(
  ctx: SyncContext,
  repo: SyncRepo,
  runId: number,
): Promise<GitHubArtifact[]> {
  const raw: unknown[] = await ctx.client.paginate(
    ctx.client.rest.actions.listWorkflowRunArtifacts,
    { owner: repo.owner, repo: repo.name, run_id: runId, per_page: 100 },
  );
  return raw
    .map((item) => parseGitHub(artifactSchema, item, "artifact"))
    .filter((a) => ctx.options.testReportPattern.test(a.name));
}

/** Downloads one test-report artifact and parses the JUnit files in it. */
export async function readTestReport(
  ctx: SyncContext,
  repo: SyncRepo,
  artifact: GitHubArtifact,
): Promise<ArtifactOutcome> {
  const done = (
    state: ArtifactOutcome["state"],
    reason: string | null,
    cases: ParsedTestCase[] = [],
  ) => ({
    artifact,
    state,
    reason,
    cases,
  });
  if (artifact.expired) return done("expired", "the artifact expired before it was read");
  if (artifact.size_in_bytes > ctx.options.maxArtifactBytes)
    return done("skipped", `larger than the limit of ${ctx.options.maxArtifactBytes} bytes`);
  let zip: Uint8Array;
  try {
    zip = await downloadRedirected(
      ctx.client,
      "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}",
      { owner: repo.owner, repo: repo.name, artifact_id: artifact.id, archive_format: "zip" },
      {
        maxBytes: ctx.options.maxArtifactBytes,
        onExchange: ctx.onExchange,
        retryBaseMs: ctx.options.retryBaseMs,
      },
    );
  } catch (error: unknown) {
    if (error instanceof DownloadGoneError) {
      const created = artifact.created_at ? Date.parse(artifact.created_at) : 0;
      if (error.status === 404 && ctx.now().getTime() - created < PUBLISH_GRACE_MS)
        throw new Error(`artifact ${artifact.id} is not available yet (404)`);
      return done("expired", `GitHub no longer has it (${error.status})`);
    }
    if (error instanceof DownloadTooLargeError) return done("skipped", error.message);
    throw error;
  }
  try {
    const files = unzipFiles(zip, (name) => /\.xml$/i.test(name), {
      maxTotalBytes: ctx.options.maxUnzippedBytes,
    });
    const cases = files.flatMap((file) => parseJUnit(new TextDecoder().decode(file.bytes)));
    return done("parsed", files.length === 0 ? "no XML file in the artifact" : null, cases);
  } catch (error: unknown) {
    if (error instanceof UnzipLimitError || error instanceof JUnitLimitError)
      return done("skipped", error.message);
    if (error instanceof JUnitSyntaxError)
      return done("failed", `not valid JUnit XML: ${error.message}`);
    return done("failed", error instanceof Error ? error.message : String(error));
  }
}
