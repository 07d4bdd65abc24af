// SQL for times, shared by the metric queries and what the sync keeps for them.
import "server-only";
import { Prisma } from "@/lib/db/generated/client";

/**
 * Milliseconds from `a` to `b`, exactly: times are stored to the millisecond (timestamptz(3)),
 * so rounding the float8 epoch difference gives what extract(epoch ...) * 1000 gives in
 * numeric, at a fraction of the cost over hundreds of thousands of jobs.
 */
export function msBetween(a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`round(date_part('epoch', ${b} - ${a}) * 1000)`;
}
