-- CreateIndex
CREATE INDEX "workflow_runs_created_at_id_idx" ON "workflow_runs"("created_at", "id");
