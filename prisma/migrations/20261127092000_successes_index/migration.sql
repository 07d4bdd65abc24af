-- The index of a pipeline's runs by conclusion and updated_at also holds created_at and status
-- (lib/metrics/streaks.ts): the successes of a window are read from it alone, already in the
-- order their gaps are measured in.
-- DropIndex
DROP INDEX "workflow_runs_workflow_id_head_branch_conclusion_updated_at_idx";

-- CreateIndex
CREATE INDEX "workflow_runs_successes_idx" ON "workflow_runs"("workflow_id", "head_branch", "conclusion", "updated_at", "created_at", "status");
