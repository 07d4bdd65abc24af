// The flags opened and resolved during a window, from flag_events (each change of a flag,
// written by flags/store.ts), for the weekly digest.
import "server-only";
import type { Db } from "@/lib/db/client";

export type FlagActivity = {
  transition: "opened" | "resolved";
  kind: string;
  severity: string;
  message: string;
  at: string;
  repo: string;
  /** Null for a repository-wide flag (stale_data). */
  workflowId: number | null;
  workflowName: string | null;
};

/** Flags of tracked repositories opened or resolved in the window, in order. */
export async function listFlagActivity(
  db: Db,
  window: { from: Date; to: Date },
): Promise<FlagActivity[]> {
  const events = await db.flagEvent.findMany({
    where: {
      at: { gte: window.from, lte: window.to },
      transition: { in: ["opened", "resolved"] },
      flag: { repo: { tracked: true } },
    },
    include: {
      flag: {
        include: { repo: { select: { fullName: true } }, workflow: { select: { name: true } } },
      },
    },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  return events.map((e) => ({
    transition: e.transition === "opened" ? "opened" : "resolved",
    kind: e.flag.kind,
    severity: e.severity,
    message: e.message,
    at: e.at.toISOString(),
    repo: e.flag.repo.fullName,
    workflowId: e.flag.workflowId === null ? null : Number(e.flag.workflowId),
    workflowName: e.flag.workflow?.name ?? null,
  }));
}
