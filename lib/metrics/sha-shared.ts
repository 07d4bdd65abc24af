// What each run keeps for the flaky metric (docs/metrics.md): `sha_shared`, whether another run
// of its workflow has the same head SHA. A run that shares its SHA with no other run and has
// one attempt is a SHA group of its own in every scope, one that cannot be flaky (that takes
// a failed attempt and a later successful one): the metric counts such runs straight from the
// scope index, and groups by SHA only the others, a few percent of the runs in scope.
// It depends only on which runs exist (a run's workflow and head SHA never change): saveRuns
// sets it when it stores runs, deleteRun when it removes one, and both refresh the days of the
// runs whose flag changed (run-days.ts keeps their count per day). NULL (not computed) is read as
// shared, so a run is grouped whenever its flag is not known to be false.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import type { DbOrTx } from "@/lib/github/conditional";
import { countedAttempt } from "./conclusions.ts";

type ShaKey = { workflowId: number; headSha: string };

/** Advisory lock class of the SHA groups (the first key of pg_advisory_xact_lock(int, int)). */
const SHA_LOCK_CLASS = 0x5057_5348;

/** The (workflow, head SHA) pairs of `keys`, each once, as two parallel arrays. */
function pairs(keys: ShaKey[]): { workflows: bigint[]; shas: string[] } {
  const unique = new Map(keys.map((k) => [`${k.workflowId}:${k.headSha}`, k]));
  const list = [...unique.values()];
  return { workflows: list.map((k) => BigInt(k.workflowId)), shas: list.map((k) => k.headSha) };
}

/**
 * Locks the SHA groups `keys` until the caller's transaction ends, in one order (no deadlock
 * between two writers). Two transactions storing runs of one SHA then follow each other, and
 * the second one's refresh sees the first one's run: without it, each could see only its own
 * and keep `false` on both. (On the embedded database every client shares one session and
 * transactions do not overlap: there the lock is not needed, and does not wait.)
 */
export async function lockShaGroups(tx: DbOrTx, keys: ShaKey[]): Promise<void> {
  if (keys.length === 0) return;
  const { workflows, shas } = pairs(keys);
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(${SHA_LOCK_CLASS}::int, k)) FROM (
      SELECT DISTINCT hashtext(w::text || ':' || s) AS k
      FROM unnest(${workflows}::bigint[], ${shas}::text[]) AS u(w, s) ORDER BY k
    ) keys`;
}

/** The statement setting `sha_shared` of every run of the groups of runs `o` meeting `groups`. */
export function refreshShaSharedSql(groups: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    UPDATE workflow_runs r SET sha_shared = g.shared
    FROM (
      SELECT o.workflow_id, o.head_sha, count(*) > 1 AS shared
      FROM workflow_runs o WHERE ${groups}
      GROUP BY o.workflow_id, o.head_sha
    ) g
    WHERE r.workflow_id = g.workflow_id AND r.head_sha = g.head_sha
      AND r.sha_shared IS DISTINCT FROM g.shared`;
}

/** A run whose `sha_shared` changed: its day's kept numbers change with it (run-days.ts). */
export type ChangedRun = { workflowId: bigint; headBranch: string | null; createdAt: Date };

/**
 * Recomputes `sha_shared` of the runs of the groups `keys`, in the caller's transaction, which
 * holds their locks (lockShaGroups) since before it wrote their runs. Rows whose flag is right
 * are not written; those that are, are returned (their days, maybe other days than the
 * caller's runs', are the caller's to refresh).
 */
export async function refreshShaShared(tx: DbOrTx, keys: ShaKey[]): Promise<ChangedRun[]> {
  if (keys.length === 0) return [];
  const { workflows, shas } = pairs(keys);
  const update = refreshShaSharedSql(Prisma.sql`(o.workflow_id, o.head_sha) IN (
      SELECT * FROM unnest(${workflows}::bigint[], ${shas}::text[]))`);
  return tx.$queryRaw<ChangedRun[]>`${update}
    RETURNING r.workflow_id AS "workflowId", r.head_branch AS "headBranch", r.created_at AS "createdAt"`;
}

/**
 * The condition on a run `r` in scope that it is a SHA group of its own (see above). Its
 * negation is the generated column `sha_grouped`, indexed for the runs that are grouped.
 */
export const SOLE_RUN = Prisma.sql`(r.sha_shared IS FALSE AND r.run_attempt = 1)`;

/** The SHA groups of one run each of a pipeline's runs in scope, and those of them counted. */
export type SoleGroups = { groups: number; counted: number };

/**
 * Aggregate columns `sole_groups` and `sole_counted` (SoleGroups) over runs `r`: for the kept
 * days (run-days.ts) and the statements that read the runs in scope anyway (the run stats'
 * partial days), which spares the flaky stats a pass of their own.
 */
export function soleGroupColumns(): Prisma.Sql {
  return Prisma.sql`count(*) FILTER (WHERE ${SOLE_RUN})::int AS sole_groups,
    count(*) FILTER (WHERE ${SOLE_RUN} AND ${countedAttempt(Prisma.sql`r.`)})::int AS sole_counted`;
}
