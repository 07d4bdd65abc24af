-- The queue times of each pipeline's completed runs, per branch and UTC day
-- (lib/metrics/queue-days.ts): a window's whole days are read from here instead of from every
-- run in them.
-- CreateTable
CREATE TABLE "queue_days" (
    "workflow_id" BIGINT NOT NULL,
    "head_branch" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "queue_ms" BIGINT[],

    CONSTRAINT "queue_days_pkey" PRIMARY KEY ("workflow_id","head_branch","day")
);

-- AddForeignKey
ALTER TABLE "queue_days" ADD CONSTRAINT "queue_days_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Fill it for the runs already stored, as refreshQueueDays does, in one pass: every day with
-- runs on a branch, its completed runs' queue times as each run keeps them (else from its jobs).
INSERT INTO "queue_days" ("workflow_id", "head_branch", "day", "queue_ms")
SELECT r."workflow_id", r."head_branch", (r."created_at" AT TIME ZONE 'UTC')::date,
  coalesce(array_agg(q."ms" ORDER BY q."ms") FILTER (WHERE r."status" = 'completed' AND q."ms" IS NOT NULL), '{}')
FROM "workflow_runs" r
  LEFT JOIN LATERAL unnest(coalesce(r."queue_ms", ARRAY(
    SELECT round(date_part('epoch', j."started_at" - j."created_at") * 1000)::bigint FROM "jobs" j
    WHERE j."run_id" = r."id" AND j."conclusion" IS DISTINCT FROM 'skipped'
      AND j."started_at" IS NOT NULL AND j."created_at" IS NOT NULL))) AS q("ms") ON TRUE
WHERE r."head_branch" IS NOT NULL
GROUP BY 1, 2, 3;
