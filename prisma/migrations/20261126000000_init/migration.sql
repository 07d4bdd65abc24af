-- CreateEnum
CREATE TYPE "log_state" AS ENUM ('pending', 'parsed', 'gone', 'too_large', 'failed');

-- CreateEnum
CREATE TYPE "cache_event_kind" AS ENUM ('restore', 'save');

-- CreateEnum
CREATE TYPE "cache_outcome" AS ENUM ('exact', 'partial', 'miss', 'saved', 'not_saved');

-- CreateEnum
CREATE TYPE "artifact_state" AS ENUM ('pending', 'parsed', 'expired', 'skipped', 'failed');

-- CreateEnum
CREATE TYPE "test_outcome" AS ENUM ('passed', 'failed', 'error', 'skipped', 'flaky');

-- CreateEnum
CREATE TYPE "flag_kind" AS ENUM ('slow', 'deploy_stalled', 'deploy_skipped', 'deploy_suspicious', 'workflow_disabled', 'flaky', 'cache_degraded', 'stale_data');

-- CreateEnum
CREATE TYPE "severity" AS ENUM ('warning', 'critical');

-- CreateEnum
CREATE TYPE "flag_transition" AS ENUM ('opened', 'worsened', 'improved', 'resolved');

-- CreateEnum
CREATE TYPE "delivery_state" AS ENUM ('pending', 'delivered', 'failed', 'suppressed');

-- CreateTable
CREATE TABLE "repositories" (
    "id" BIGINT NOT NULL,
    "owner" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "default_branch" TEXT NOT NULL,
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "private" BOOLEAN NOT NULL DEFAULT false,
    "html_url" TEXT NOT NULL,
    "tracked" BOOLEAN NOT NULL DEFAULT true,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "repositories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_states" (
    "repo_id" BIGINT NOT NULL,
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_error_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "next_sync_at" TIMESTAMPTZ(3),
    "backfill_from" TIMESTAMPTZ(3),
    "backfill_done_at" TIMESTAMPTZ(3),
    "runs_expected" INTEGER,
    "runs_synced" INTEGER NOT NULL DEFAULT 0,
    "requests_spent" BIGINT NOT NULL DEFAULT 0,
    "rate_limit_remaining" INTEGER,
    "rate_limit_reset_at" TIMESTAMPTZ(3),
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_states_pkey" PRIMARY KEY ("repo_id")
);

-- CreateTable
CREATE TABLE "sync_cursors" (
    "repo_id" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_cursors_pkey" PRIMARY KEY ("repo_id","name")
);

-- CreateTable
CREATE TABLE "workflows" (
    "id" BIGINT NOT NULL,
    "repo_id" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "html_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "slow_threshold_ms" INTEGER,
    "is_deploy" BOOLEAN,
    "deploy_job_name" TEXT,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflows_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "workflow_runs" (
    "id" BIGINT NOT NULL,
    "repo_id" BIGINT NOT NULL,
    "workflow_id" BIGINT NOT NULL,
    "run_number" INTEGER NOT NULL,
    "run_attempt" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT,
    "display_title" TEXT,
    "event" TEXT NOT NULL,
    "status" TEXT,
    "conclusion" TEXT,
    "head_sha" TEXT NOT NULL,
    "head_branch" TEXT,
    "actor_login" TEXT,
    "triggering_actor" TEXT,
    "head_commit_message" TEXT,
    "pull_request_numbers" INTEGER[],
    "html_url" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "run_started_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "details_attempt" INTEGER NOT NULL DEFAULT 0,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "workflow_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "run_attempts" (
    "run_id" BIGINT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status" TEXT,
    "conclusion" TEXT,
    "actor_login" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "run_started_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "run_attempts_pkey" PRIMARY KEY ("run_id","attempt")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" BIGINT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "workflow_id" BIGINT NOT NULL,
    "run_created_at" TIMESTAMPTZ(3) NOT NULL,
    "run_attempt" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "conclusion" TEXT,
    "head_sha" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),
    "runner_name" TEXT,
    "runner_group_name" TEXT,
    "labels" TEXT[],
    "html_url" TEXT,
    "log_state" "log_state",
    "log_error" TEXT,
    "log_parsed_at" TIMESTAMPTZ(3),
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "steps" (
    "job_id" BIGINT NOT NULL,
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "conclusion" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "steps_pkey" PRIMARY KEY ("job_id","number")
);

-- CreateTable
CREATE TABLE "cache_events" (
    "id" BIGSERIAL NOT NULL,
    "job_id" BIGINT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "workflow_id" BIGINT NOT NULL,
    "run_created_at" TIMESTAMPTZ(3) NOT NULL,
    "seq" INTEGER NOT NULL,
    "step_number" INTEGER,
    "kind" "cache_event_kind" NOT NULL,
    "outcome" "cache_outcome" NOT NULL,
    "source" TEXT NOT NULL,
    "key" TEXT,
    "restored_key" TEXT,
    "size_bytes" BIGINT,
    "occurred_at" TIMESTAMPTZ(3),

    CONSTRAINT "cache_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "artifacts" (
    "id" BIGINT NOT NULL,
    "repo_id" BIGINT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "size_in_bytes" BIGINT NOT NULL,
    "expired" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "state" "artifact_state" NOT NULL DEFAULT 'pending',
    "state_reason" TEXT,
    "test_count" INTEGER NOT NULL DEFAULT 0,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "artifacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "test_results" (
    "id" BIGSERIAL NOT NULL,
    "repo_id" BIGINT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "workflow_id" BIGINT NOT NULL,
    "run_created_at" TIMESTAMPTZ(3) NOT NULL,
    "artifact_id" BIGINT NOT NULL,
    "seq" INTEGER NOT NULL,
    "run_attempt" INTEGER,
    "head_sha" TEXT NOT NULL,
    "suite" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "classname" TEXT,
    "file" TEXT,
    "outcome" "test_outcome" NOT NULL,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "duration_ms" INTEGER,
    "message" TEXT,

    CONSTRAINT "test_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cache_usage" (
    "repo_id" BIGINT NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL,
    "size_in_bytes" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "cache_usage_pkey" PRIMARY KEY ("repo_id","sampled_at")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" BIGINT NOT NULL,
    "repo_id" BIGINT NOT NULL,
    "sha" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "description" TEXT,
    "creator_login" TEXT,
    "production_environment" BOOLEAN,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "run_id" BIGINT,
    "synced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_statuses" (
    "id" BIGINT NOT NULL,
    "deployment_id" BIGINT NOT NULL,
    "state" TEXT NOT NULL,
    "description" TEXT,
    "environment" TEXT,
    "target_url" TEXT,
    "log_url" TEXT,
    "environment_url" TEXT,
    "creator_login" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deployment_statuses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "etag_cache" (
    "key" TEXT NOT NULL,
    "etag" TEXT NOT NULL,
    "last_modified" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "etag_cache_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "api_usage" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "endpoint" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "total_duration_ms" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "api_usage_pkey" PRIMARY KEY ("hour","endpoint","status")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "delivery_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "action" TEXT,
    "repo_id" BIGINT,
    "run_id" BIGINT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("delivery_id")
);

-- CreateTable
CREATE TABLE "flags" (
    "id" BIGSERIAL NOT NULL,
    "kind" "flag_kind" NOT NULL,
    "severity" "severity" NOT NULL,
    "repo_id" BIGINT NOT NULL,
    "workflow_id" BIGINT,
    "open_key" TEXT,
    "message" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "since" TIMESTAMPTZ(3) NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flag_events" (
    "id" BIGSERIAL NOT NULL,
    "flag_id" BIGINT NOT NULL,
    "transition" "flag_transition" NOT NULL,
    "severity" "severity" NOT NULL,
    "message" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "flag_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "flag_event_id" BIGINT NOT NULL,
    "channel" TEXT NOT NULL,
    "state" "delivery_state" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "claimed_by" TEXT,
    "claimed_until" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leases" (
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "acquired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "leases_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "digest_sends" (
    "week" TEXT NOT NULL,
    "state" "delivery_state" NOT NULL DEFAULT 'pending',
    "recipients" TEXT[],
    "message_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "claimed_by" TEXT,
    "claimed_at" TIMESTAMPTZ(3),
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "digest_sends_pkey" PRIMARY KEY ("week")
);

-- CreateIndex
CREATE UNIQUE INDEX "repositories_full_name_key" ON "repositories"("full_name");

-- CreateIndex
CREATE INDEX "sync_states_next_sync_at_idx" ON "sync_states"("next_sync_at");

-- CreateIndex
CREATE INDEX "workflows_repo_id_idx" ON "workflows"("repo_id");

-- CreateIndex
CREATE INDEX "workflow_runs_workflow_id_created_at_id_idx" ON "workflow_runs"("workflow_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "workflow_runs_workflow_id_head_branch_created_at_idx" ON "workflow_runs"("workflow_id", "head_branch", "created_at");

-- CreateIndex
CREATE INDEX "workflow_runs_workflow_id_head_sha_idx" ON "workflow_runs"("workflow_id", "head_sha");

-- CreateIndex
CREATE INDEX "workflow_runs_repo_id_created_at_idx" ON "workflow_runs"("repo_id", "created_at");

-- CreateIndex
CREATE INDEX "workflow_runs_repo_id_head_sha_idx" ON "workflow_runs"("repo_id", "head_sha");

-- CreateIndex
CREATE INDEX "workflow_runs_repo_id_status_idx" ON "workflow_runs"("repo_id", "status");

-- CreateIndex
CREATE INDEX "jobs_run_id_run_attempt_idx" ON "jobs"("run_id", "run_attempt");

-- CreateIndex
CREATE INDEX "jobs_workflow_id_run_created_at_idx" ON "jobs"("workflow_id", "run_created_at");

-- CreateIndex
CREATE INDEX "cache_events_run_id_idx" ON "cache_events"("run_id");

-- CreateIndex
CREATE INDEX "cache_events_workflow_id_run_created_at_idx" ON "cache_events"("workflow_id", "run_created_at");

-- CreateIndex
CREATE UNIQUE INDEX "cache_events_job_id_seq_key" ON "cache_events"("job_id", "seq");

-- CreateIndex
CREATE INDEX "artifacts_run_id_idx" ON "artifacts"("run_id");

-- CreateIndex
CREATE INDEX "test_results_run_id_idx" ON "test_results"("run_id");

-- CreateIndex
CREATE INDEX "test_results_workflow_id_run_created_at_idx" ON "test_results"("workflow_id", "run_created_at");

-- CreateIndex
CREATE INDEX "test_results_repo_id_head_sha_idx" ON "test_results"("repo_id", "head_sha");

-- CreateIndex
CREATE INDEX "test_results_repo_id_suite_name_idx" ON "test_results"("repo_id", "suite", "name");

-- CreateIndex
CREATE UNIQUE INDEX "test_results_artifact_id_seq_key" ON "test_results"("artifact_id", "seq");

-- CreateIndex
CREATE INDEX "deployments_repo_id_created_at_idx" ON "deployments"("repo_id", "created_at");

-- CreateIndex
CREATE INDEX "deployments_repo_id_sha_idx" ON "deployments"("repo_id", "sha");

-- CreateIndex
CREATE INDEX "deployments_run_id_idx" ON "deployments"("run_id");

-- CreateIndex
CREATE INDEX "deployment_statuses_deployment_id_idx" ON "deployment_statuses"("deployment_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_received_at_idx" ON "webhook_deliveries"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "flags_open_key_key" ON "flags"("open_key");

-- CreateIndex
CREATE INDEX "flags_repo_id_opened_at_idx" ON "flags"("repo_id", "opened_at");

-- CreateIndex
CREATE INDEX "flags_workflow_id_opened_at_idx" ON "flags"("workflow_id", "opened_at");

-- CreateIndex
CREATE INDEX "flag_events_flag_id_at_idx" ON "flag_events"("flag_id", "at");

-- CreateIndex
CREATE INDEX "flag_events_at_idx" ON "flag_events"("at");

-- CreateIndex
CREATE INDEX "notification_deliveries_state_next_attempt_at_idx" ON "notification_deliveries"("state", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "notification_deliveries_flag_event_id_channel_key" ON "notification_deliveries"("flag_event_id", "channel");

-- AddForeignKey
ALTER TABLE "sync_states" ADD CONSTRAINT "sync_states_repo_id_fkey" FOREIGN KEY ("repo_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_repo_id_fkey" FOREIGN KEY ("repo_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_repo_id_fkey" FOREIGN KEY ("repo_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_repo_id_fkey" FOREIGN KEY ("repo_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workflow_runs" ADD CONSTRAINT "workflow_runs_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "run_attempts" ADD CONSTRAINT "run_attempts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "workflow_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "workflow_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "steps" ADD CONSTRAINT "steps_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cache_events" ADD CONSTRAINT "cache_events_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_repo_id_fkey" FOREIGN KEY ("repo_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artifacts" ADD CONSTRAINT "artifacts_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "workflow_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_repo_id_fkey" FOREIGN KEY ("repo_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "workflow_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "test_results" ADD CONSTRAINT "test_results_artifact_id_fkey" FOREIGN KEY ("artifact_id") REFERENCES "artifacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cache_usage" ADD CONSTRAINT "cache_usage_repo_id_fkey" FOREIGN KEY ("repo_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_repo_id_fkey" FOREIGN KEY ("repo_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_statuses" ADD CONSTRAINT "deployment_statuses_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "deployments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_repo_id_fkey" FOREIGN KEY ("repo_id") REFERENCES "repositories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flag_events" ADD CONSTRAINT "flag_events_flag_id_fkey" FOREIGN KEY ("flag_id") REFERENCES "flags"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification_deliveries" ADD CONSTRAINT "notification_deliveries_flag_event_id_fkey" FOREIGN KEY ("flag_event_id") REFERENCES "flag_events"("id") ON DELETE CASCADE ON UPDATE CASCADE;

