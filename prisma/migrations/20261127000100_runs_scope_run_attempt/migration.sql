-- The scope index also holds run_attempt: the flaky groups read earlier attempts only of runs
-- that were re-run, and learn which those are without visiting the table.
-- DropIndex
DROP INDEX "workflow_runs_scope_idx";

-- CreateIndex
CREATE INDEX "workflow_runs_scope_idx" ON "workflow_runs"("workflow_id", "head_branch", "created_at", "id", "status", "conclusion", "run_started_at", "updated_at", "head_sha", "run_attempt");
