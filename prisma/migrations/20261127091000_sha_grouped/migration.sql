-- Runs say whether the flaky metric groups them by SHA (lib/metrics/sha-shared.ts): all but
-- those sharing their SHA with no other run and with one attempt. Postgres computes it from
-- sha_shared and run_attempt, so it can never disagree with them; an index leading with it
-- gives the metric the few grouped runs of a pipeline's scope as one small range, where the
-- scope index holds every run of the window.
-- AlterTable
ALTER TABLE "workflow_runs" ADD COLUMN "sha_grouped" BOOLEAN GENERATED ALWAYS AS ("sha_shared" IS NOT FALSE OR "run_attempt" <> 1) STORED;

-- CreateIndex
CREATE INDEX "workflow_runs_grouped_idx" ON "workflow_runs"("workflow_id", "head_branch", "sha_grouped", "created_at", "id", "head_sha", "run_attempt", "status", "conclusion");
