-- Runs keep whether another run of their workflow has their head SHA
-- (lib/metrics/sha-shared.ts), and the scope index holds it: the flaky metric counts a run that
-- shares its SHA with no other run and has one attempt from the index, and groups only the
-- others by SHA.
-- AlterTable
ALTER TABLE "workflow_runs" ADD COLUMN "sha_shared" BOOLEAN;

-- The scope index is rebuilt with it below; dropped first, the fill does not update it.
-- DropIndex
DROP INDEX "workflow_runs_scope_idx";

-- Fill it for the runs already stored, as refreshShaShared does, in one pass.
UPDATE "workflow_runs" r SET "sha_shared" = g."shared"
FROM (
  SELECT "workflow_id", "head_sha", count(*) > 1 AS "shared"
  FROM "workflow_runs" GROUP BY "workflow_id", "head_sha"
) g
WHERE r."workflow_id" = g."workflow_id" AND r."head_sha" = g."head_sha";

-- CreateIndex
CREATE INDEX "workflow_runs_scope_idx" ON "workflow_runs"("workflow_id", "head_branch", "created_at", "id", "status", "conclusion", "run_started_at", "updated_at", "head_sha", "run_attempt", "queue_ms", "cache_hits", "cache_partial", "cache_misses", "sha_shared");
