// Which repositories a listing covers: the tracked ones, or the one named (404 when it is not
// tracked), like GET /api/v1/pipelines.
import "server-only";
import type { Db } from "@/lib/db/client";
import { UnknownRepositoryError } from "./pipelines.ts";

/** Ids of the tracked repositories, or of the tracked one named `repo` (owner/name, any case). */
export async function listTrackedRepoIds(db: Db, repo?: string): Promise<number[]> {
  const repos = await db.repository.findMany({
    where: {
      tracked: true,
      ...(repo ? { fullName: { equals: repo, mode: "insensitive" } } : {}),
    },
    select: { id: true },
  });
  if (repo && repos.length === 0) throw new UnknownRepositoryError(`no tracked repository ${repo}`);
  return repos.map((r) => Number(r.id));
}
