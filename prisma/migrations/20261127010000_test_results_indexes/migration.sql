-- DropIndex
DROP INDEX "test_results_repo_id_head_sha_idx";

-- DropIndex
DROP INDEX "test_results_repo_id_suite_name_idx";

-- CreateIndex
CREATE INDEX "test_results_outcome_run_created_at_idx" ON "test_results"("outcome", "run_created_at");

-- CreateIndex
CREATE INDEX "test_results_test_scope_idx" ON "test_results"("repo_id", "suite", "name", "head_sha", "run_created_at", "outcome", "workflow_id", "run_id");
