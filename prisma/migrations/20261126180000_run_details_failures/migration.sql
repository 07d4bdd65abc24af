-- AlterTable
ALTER TABLE "workflow_runs" ADD COLUMN     "details_error" TEXT,
ADD COLUMN     "details_failures" INTEGER NOT NULL DEFAULT 0;
