-- DropIndex
DROP INDEX "cache_events_workflow_id_run_created_at_idx";

-- DropIndex
DROP INDEX "jobs_workflow_id_run_created_at_idx";

-- DropIndex
DROP INDEX "workflow_runs_workflow_id_head_branch_created_at_idx";

-- CreateIndex
CREATE INDEX "workflow_runs_scope_idx" ON "workflow_runs"("workflow_id", "head_branch", "created_at", "id", "status", "conclusion", "run_started_at", "updated_at", "head_sha");

-- CreateIndex
CREATE INDEX "workflow_runs_workflow_id_head_branch_conclusion_updated_at_idx" ON "workflow_runs"("workflow_id", "head_branch", "conclusion", "updated_at");

-- CreateIndex
CREATE INDEX "workflow_runs_id_workflow_id_idx" ON "workflow_runs"("id", "workflow_id");

-- CreateIndex
CREATE INDEX "jobs_scope_idx" ON "jobs"("workflow_id", "run_created_at", "run_id", "created_at", "started_at", "conclusion");

-- CreateIndex
CREATE INDEX "jobs_workflow_id_name_idx" ON "jobs"("workflow_id", "name");

-- CreateIndex
CREATE INDEX "jobs_workflow_id_completed_at_idx" ON "jobs"("workflow_id", "completed_at");

-- CreateIndex
CREATE INDEX "cache_events_scope_idx" ON "cache_events"("workflow_id", "run_created_at", "kind", "outcome", "run_id");
