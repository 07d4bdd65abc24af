// The numbers GET /api/metrics needs that no other query gives: the runs stored per repository,
// and api_usage summed over its whole history.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { GitHubUsage } from "./prometheus-sync.ts";

/** Workflow runs stored per tracked repository (full name), all branches and times. */
export async function countStoredRuns(db: Db): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ full_name: string; runs: number }[]>`
    SELECT repo.full_name, count(r.id)::int AS runs
      FROM repositories repo
      LEFT JOIN workflow_runs r ON r.repo_id = repo.id
     WHERE repo.tracked
     GROUP BY repo.full_name`;
  return new Map(rows.map((r) => [r.full_name, r.runs]));
}

/** api_usage summed over every hour and endpoint, by kind (API or blob download) and status. */
export async function sumGitHubUsage(db: Db): Promise<GitHubUsage[]> {
  // Blob downloads are counted under the endpoint "GET (download)" (lib/github/client.ts).
  const rows = await db.$queryRaw<
    { kind: "api" | "download"; status: number; count: bigint; duration_ms: bigint }[]
  >`
    SELECT CASE WHEN endpoint LIKE '%(download)' THEN 'download' ELSE 'api' END AS kind,
           status, sum(count)::bigint AS count, sum(total_duration_ms)::bigint AS duration_ms
      FROM api_usage
     GROUP BY 1, 2
     ORDER BY 1, 2`;
  return rows.map((r) => ({
    kind: r.kind,
    status: r.status,
    count: Number(r.count),
    durationMs: Number(r.duration_ms),
  }));
}
