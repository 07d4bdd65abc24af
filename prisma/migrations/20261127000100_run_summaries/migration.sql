-- Runs keep the queue times of their jobs and their cache restores by outcome
-- (lib/metrics/run-summaries.ts), and the scope index holds them and run_attempt: a pipeline's
-- queue percentiles, cache hit rate and flaky groups then read its runs in scope from the index
-- alone (earlier attempts only of re-run runs).
-- AlterTable
ALTER TABLE "workflow_runs" ADD COLUMN "queue_ms" BIGINT[],
ADD COLUMN "cache_hits" INTEGER,
ADD COLUMN "cache_partial" INTEGER,
ADD COLUMN "cache_misses" INTEGER;

-- The scope index is rebuilt with them below; dropped first, the fill does not update it.
-- DropIndex
DROP INDEX "workflow_runs_scope_idx";

-- Fill them for the runs already stored, as refreshRunSummaries does, in one pass (at most 100
-- queue times on a run, as KEPT_QUEUES: more are read from the jobs).
UPDATE "workflow_runs" r
SET "queue_ms" = CASE WHEN cardinality(coalesce(q."ms", '{}')) <= 100 THEN coalesce(q."ms", '{}') END,
  "cache_hits" = coalesce(c."hits", 0),
  "cache_partial" = coalesce(c."partial", 0), "cache_misses" = coalesce(c."misses", 0)
FROM "workflow_runs" x
  LEFT JOIN (
    SELECT "run_id", array_agg(round(date_part('epoch', "started_at" - "created_at") * 1000)::bigint
                               ORDER BY round(date_part('epoch', "started_at" - "created_at") * 1000)) AS "ms"
    FROM "jobs"
    WHERE "conclusion" IS DISTINCT FROM 'skipped' AND "started_at" IS NOT NULL AND "created_at" IS NOT NULL
    GROUP BY "run_id"
  ) q ON q."run_id" = x."id"
  LEFT JOIN (
    SELECT "run_id", count(*) FILTER (WHERE "outcome" = 'exact')::int AS "hits",
      count(*) FILTER (WHERE "outcome" = 'partial')::int AS "partial",
      count(*) FILTER (WHERE "outcome" = 'miss')::int AS "misses"
    FROM "cache_events" WHERE "kind" = 'restore' GROUP BY "run_id"
  ) c ON c."run_id" = x."id"
WHERE x."id" = r."id"
  AND (x."details_attempt" > 0 OR q."run_id" IS NOT NULL OR c."run_id" IS NOT NULL);

-- CreateIndex
CREATE INDEX "workflow_runs_scope_idx" ON "workflow_runs"("workflow_id", "head_branch", "created_at", "id", "status", "conclusion", "run_started_at", "updated_at", "head_sha", "run_attempt", "queue_ms", "cache_hits", "cache_partial", "cache_misses");
