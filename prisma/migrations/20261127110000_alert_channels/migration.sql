-- When Pipewatch wrote a flag event, by the database's clock (`at` is the evaluation's time):
-- alerts compare it with when a channel was configured and when a repository's backfill ended.
ALTER TABLE "flag_events" ADD COLUMN "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "alert_channels" (
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "configured_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_success_at" TIMESTAMPTZ(3),
    "last_failure_at" TIMESTAMPTZ(3),
    "last_error" TEXT,

    CONSTRAINT "alert_channels_pkey" PRIMARY KEY ("name")
);
