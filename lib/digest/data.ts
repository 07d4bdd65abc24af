// The digest of one ISO week, read with the dashboard's metric functions (lib/metrics) over the
// week and the week before as windows, on each repository's default branch.
import "server-only";
import type { Db } from "@/lib/db/client";
import { queryCiTime } from "@/lib/metrics/ci-time";
import { queryDeployActivity } from "@/lib/metrics/deploy-activity";
import { listFlagActivity } from "@/lib/metrics/flag-activity";
import { listFlakyTests } from "@/lib/metrics/flaky-tests";
import { getPipelinesReport } from "@/lib/metrics/pipelines";
import type { Scope } from "@/lib/metrics/scope";
import { listTrackedRepoIds } from "@/lib/metrics/tracked-repos";
import { buildDigest, type Digest } from "./compare.ts";
import { addWeeks, formatIsoWeek, type IsoWeek, weekWindow } from "./iso-week.ts";

/** The scope of the week: its window in `timeZone`, each repository's default branch. */
export function weekScope(week: IsoWeek, timeZone: string): Scope {
  return { window: weekWindow(week, timeZone), branch: { kind: "default" } };
}

/** The digest of `week` (its numbers compared with the week before's). */
export async function getDigest(
  db: Db,
  week: IsoWeek,
  timeZone: string,
  now = new Date(),
): Promise<Digest> {
  const scope = weekScope(week, timeZone);
  const before = weekScope(addWeeks(week, -1), timeZone);
  const repoIds = await listTrackedRepoIds(db);
  const [current, previous, ciNow, ciBefore, deploysNow, deploysBefore, flakyTests, flags] =
    await Promise.all([
      getPipelinesReport(db, scope),
      getPipelinesReport(db, before),
      queryCiTime(db, scope, repoIds),
      queryCiTime(db, before, repoIds),
      queryDeployActivity(db, scope.window, repoIds),
      queryDeployActivity(db, before.window, repoIds),
      listFlakyTests(db, scope),
      listFlagActivity(db, scope.window),
    ]);
  return buildDigest({
    week: {
      week: formatIsoWeek(week),
      previousWeek: formatIsoWeek(addWeeks(week, -1)),
      timeZone,
      window: { from: scope.window.from.toISOString(), to: scope.window.to.toISOString() },
      complete: scope.window.to.getTime() < now.getTime(),
    },
    current: current.pipelines,
    previous: previous.pipelines,
    ciTime: { current: ciNow, previous: ciBefore },
    deploys: { current: deploysNow, previous: deploysBefore },
    flakyTests,
    flags,
  });
}
