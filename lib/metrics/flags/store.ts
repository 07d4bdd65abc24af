// A flag's lifecycle: a condition raised by a rule opens a flag (event "opened"); while it is
// raised the flag stays open (last_seen_at moves; a change of severity is an event "worsened"
// or "improved"); once no longer raised it is resolved (event "resolved"). One transaction per
// evaluation, so alerts see each change exactly once.
import "server-only";
import type { Db } from "@/lib/db/client";
import { type Candidate, type FlagKind, openKeyOf } from "./types.ts";

export type FlagChanges = { opened: number; changed: number; resolved: number };

const RANK = { warning: 1, critical: 2 } as const;

/**
 * Applies an evaluation of `kinds` over `repoIds`: `candidates` are every condition those rules
 * raise now; open flags of those kinds and repositories that are not among them are resolved.
 */
export async function applyFlags(
  db: Db,
  evaluated: { repoIds: number[]; kinds: FlagKind[] },
  candidates: Candidate[],
  now: Date,
): Promise<FlagChanges> {
  const changes: FlagChanges = { opened: 0, changed: 0, resolved: 0 };
  await db.$transaction(async (tx) => {
    const open = await tx.flag.findMany({
      where: {
        resolvedAt: null,
        repoId: { in: evaluated.repoIds.map(BigInt) },
        kind: { in: evaluated.kinds },
      },
    });
    const byKey = new Map(open.map((f) => [f.openKey ?? "", f]));
    const raised = new Set<string>();
    for (const c of candidates) {
      const key = openKeyOf(c);
      raised.add(key);
      const existing = byKey.get(key);
      if (!existing) {
        const flag = await tx.flag.create({
          data: {
            kind: c.kind,
            severity: c.severity,
            repoId: BigInt(c.repoId),
            workflowId: c.workflowId === null ? null : BigInt(c.workflowId),
            openKey: key,
            message: c.message,
            detail: c.detail as object,
            since: c.since,
            openedAt: now,
            lastSeenAt: now,
          },
        });
        await tx.flagEvent.create({
          data: {
            flagId: flag.id,
            transition: "opened",
            severity: c.severity,
            message: c.message,
            at: now,
          },
        });
        changes.opened++;
        continue;
      }
      await tx.flag.update({
        where: { id: existing.id },
        data: {
          severity: c.severity,
          message: c.message,
          detail: c.detail as object,
          lastSeenAt: now,
        },
      });
      if (existing.severity !== c.severity) {
        const transition = RANK[c.severity] > RANK[existing.severity] ? "worsened" : "improved";
        await tx.flagEvent.create({
          data: {
            flagId: existing.id,
            transition,
            severity: c.severity,
            message: c.message,
            at: now,
          },
        });
        changes.changed++;
      }
    }
    for (const flag of open) {
      if (raised.has(flag.openKey ?? "")) continue;
      await tx.flag.update({ where: { id: flag.id }, data: { resolvedAt: now, openKey: null } });
      await tx.flagEvent.create({
        data: {
          flagId: flag.id,
          transition: "resolved",
          severity: flag.severity,
          message: flag.message,
          at: now,
        },
      });
      changes.resolved++;
    }
  });
  return changes;
}
