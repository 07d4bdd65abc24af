-- What the run metrics keep per pipeline, branch and UTC day (lib/metrics/run-days.ts): the
-- queue days become run days, which also keep the day's run counts, successful durations,
-- SHA groups of one run and cache restores, so that a window's whole days are read as one
-- row each instead of every run in them.
-- RenameTable
ALTER TABLE "queue_days" RENAME TO "run_days";
ALTER TABLE "run_days" RENAME CONSTRAINT "queue_days_pkey" TO "run_days_pkey";
ALTER TABLE "run_days" RENAME CONSTRAINT "queue_days_workflow_id_fkey" TO "run_days_workflow_id_fkey";

-- AlterTable
ALTER TABLE "run_days" ADD COLUMN "runs_total" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "runs" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "successes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "failures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "cancelled" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "duration_ms" BIGINT[],
ADD COLUMN "sole_groups" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "sole_counted" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "cache_hits" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "cache_partial" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "cache_misses" INTEGER NOT NULL DEFAULT 0;

-- Fill the new columns for the days already kept (every day with runs on a branch), as
-- refreshRunDaysSql does: from each run's kept values, else from its jobs and cache events.
UPDATE "run_days" d SET "runs_total" = s."runs_total", "runs" = s."runs",
  "successes" = s."successes", "failures" = s."failures", "cancelled" = s."cancelled",
  "duration_ms" = s."duration_ms", "sole_groups" = s."sole_groups", "sole_counted" = s."sole_counted",
  "cache_hits" = s."cache_hits", "cache_partial" = s."cache_partial", "cache_misses" = s."cache_misses"
FROM (
  SELECT r."workflow_id", r."head_branch", (r."created_at" AT TIME ZONE 'UTC')::date AS "day",
    count(*)::int AS "runs_total",
    count(*) FILTER (WHERE r."status" = 'completed')::int AS "runs",
    count(*) FILTER (WHERE r."status" = 'completed' AND r."conclusion" = 'success')::int AS "successes",
    count(*) FILTER (WHERE r."status" = 'completed' AND r."conclusion" IN ('failure', 'timed_out', 'startup_failure'))::int AS "failures",
    count(*) FILTER (WHERE r."status" = 'completed' AND r."conclusion" IN ('cancelled', 'skipped'))::int AS "cancelled",
    coalesce(array_agg(round(date_part('epoch', r."updated_at" - r."run_started_at") * 1000)::bigint
        ORDER BY round(date_part('epoch', r."updated_at" - r."run_started_at") * 1000))
      FILTER (WHERE r."status" = 'completed' AND r."conclusion" = 'success' AND r."run_started_at" IS NOT NULL),
      '{}') AS "duration_ms",
    count(*) FILTER (WHERE r."sha_shared" IS FALSE AND r."run_attempt" = 1)::int AS "sole_groups",
    count(*) FILTER (WHERE r."sha_shared" IS FALSE AND r."run_attempt" = 1 AND r."status" = 'completed'
      AND r."conclusion" IS NOT NULL AND r."conclusion" NOT IN ('cancelled', 'skipped'))::int AS "sole_counted",
    coalesce(sum(coalesce(r."cache_hits", (SELECT count(*) FROM "cache_events" c
      WHERE c."run_id" = r."id" AND c."kind" = 'restore' AND c."outcome" = 'exact'))), 0)::int AS "cache_hits",
    coalesce(sum(coalesce(r."cache_partial", (SELECT count(*) FROM "cache_events" c
      WHERE c."run_id" = r."id" AND c."kind" = 'restore' AND c."outcome" = 'partial'))), 0)::int AS "cache_partial",
    coalesce(sum(coalesce(r."cache_misses", (SELECT count(*) FROM "cache_events" c
      WHERE c."run_id" = r."id" AND c."kind" = 'restore' AND c."outcome" = 'miss'))), 0)::int AS "cache_misses"
  FROM "workflow_runs" r
  WHERE r."head_branch" IS NOT NULL
  GROUP BY 1, 2, 3
) s
WHERE d."workflow_id" = s."workflow_id" AND d."head_branch" = s."head_branch" AND d."day" = s."day";
