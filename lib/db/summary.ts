// How much Pipewatch has stored so far, for the home page and the command line.
import "server-only";
import { getDb } from "@/lib/db/client";

export type StoreSummary = {
  repositories: number;
  workflows: number;
  runs: number;
  jobs: number;
  latestRunAt: string | null;
};

/** Counts of the stored objects and the newest run's creation time. */
export async function getStoreSummary(): Promise<StoreSummary> {
  const [row] = await getDb().$queryRaw<
    { repositories: bigint; workflows: bigint; runs: bigint; jobs: bigint; latest: Date | null }[]
  >`
    SELECT (SELECT count(*) FROM repositories WHERE tracked) AS repositories,
           (SELECT count(*) FROM workflows) AS workflows,
           (SELECT count(*) FROM workflow_runs) AS runs,
           (SELECT count(*) FROM jobs) AS jobs,
           (SELECT max(created_at) FROM workflow_runs) AS latest`;
  return {
    repositories: Number(row?.repositories ?? 0),
    workflows: Number(row?.workflows ?? 0),
    runs: Number(row?.runs ?? 0),
    jobs: Number(row?.jobs ?? 0),
    latestRunAt: row?.latest ? row.latest.toISOString() : null,
  };
}
