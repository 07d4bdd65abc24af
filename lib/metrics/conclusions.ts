// The groups of conclusions the metrics count by (docs/metrics.md).
import { Prisma } from "@/lib/db/generated/client";

/** Conclusions counted as failures, and as cancelled (excluded from the success rate). */
export const FAILURE_CONCLUSIONS = ["failure", "timed_out", "startup_failure"];
export const CANCELLED_CONCLUSIONS = ["cancelled", "skipped"];

/**
 * The condition that an attempt counts in a flaky rate's divisor: completed and not cancelled.
 * `alias` prefixes its `status` and `conclusion` columns (`r.`, or nothing).
 */
export function countedAttempt(alias: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${alias}status = 'completed' AND ${alias}conclusion IS NOT NULL
    AND ${alias}conclusion <> ALL(${CANCELLED_CONCLUSIONS}::text[])`;
}
