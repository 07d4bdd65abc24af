-- Runs keep the queue times of their jobs (lib/metrics/run-queues.ts), and the scope index
-- holds them and run_attempt: the queue percentiles and the flaky groups of a pipeline then
-- read its runs in scope from the index alone (earlier attempts only of re-run runs).
-- AlterTable
ALTER TABLE "workflow_runs" ADD COLUMN "queue_ms" BIGINT[];

-- Fill it for the runs already stored, as refreshRunQueues does.
UPDATE "workflow_runs" r SET "queue_ms" = q."ms"
FROM (
  SELECT "run_id", array_agg(round(date_part('epoch', "started_at" - "created_at") * 1000)::bigint
                             ORDER BY round(date_part('epoch', "started_at" - "created_at") * 1000)) AS "ms"
  FROM "jobs"
  WHERE "conclusion" IS DISTINCT FROM 'skipped' AND "started_at" IS NOT NULL AND "created_at" IS NOT NULL
  GROUP BY "run_id"
) q
WHERE q."run_id" = r."id";

UPDATE "workflow_runs" r SET "queue_ms" = '{}'
WHERE r."queue_ms" IS NULL AND EXISTS (SELECT 1 FROM "jobs" j WHERE j."run_id" = r."id");

-- DropIndex
DROP INDEX "workflow_runs_scope_idx";

-- CreateIndex
CREATE INDEX "workflow_runs_scope_idx" ON "workflow_runs"("workflow_id", "head_branch", "created_at", "id", "status", "conclusion", "run_started_at", "updated_at", "head_sha", "run_attempt", "queue_ms");
