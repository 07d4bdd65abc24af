-- Deployments carry what the metrics need of them, kept by the sync on write: the workflow of
-- the run their statuses point at, and their latest successful status.
-- AlterTable
ALTER TABLE "deployments" ADD COLUMN "workflow_id" BIGINT,
ADD COLUMN "last_success_at" TIMESTAMPTZ(3);

-- Fill them for the deployments already stored.
UPDATE "deployments" d SET "workflow_id" = r."workflow_id"
FROM "workflow_runs" r WHERE r."id" = d."run_id";

UPDATE "deployments" d SET "last_success_at" = s."at"
FROM (SELECT "deployment_id", max("created_at") AS "at" FROM "deployment_statuses"
      WHERE "state" = 'success' GROUP BY "deployment_id") s
WHERE s."deployment_id" = d."id";

-- CreateIndex
CREATE INDEX "deployments_workflow_id_last_success_at_idx" ON "deployments"("workflow_id", "last_success_at");

-- CreateIndex
CREATE INDEX "deployments_repo_id_last_success_at_idx" ON "deployments"("repo_id", "last_success_at");
