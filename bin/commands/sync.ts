// pipewatch sync --once [--repo owner/name] [--since DATE]: one pass; pipewatch worker: forever.
import { parseArgs } from "node:util";
import { runAlerts } from "@/lib/alerts/background";
import { loadAlertChannels } from "@/lib/alerts/channels";
import { loadConfig, parseRepoSelector } from "@/lib/config";
import { startDigestSchedule } from "@/lib/digest/schedule";
import { describeError, UserError } from "@/lib/errors";
import { runRetention } from "@/lib/retention/schedule";
import { createSyncEnvironment } from "@/lib/sync/environment";
import { createProgressPrinter } from "@/lib/sync/progress-bar";
import { syncSelected } from "@/lib/sync/sync";
import { runWorker } from "@/lib/sync/worker";
import { withDatabase } from "./database.ts";

const log = (line: string) => console.error(`pipewatch: ${line}`);

function parseSince(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()) || date.getTime() > Date.now())
    throw new UserError(`--since must be a past date such as 2026-11-01, got "${value}"`, 2);
  return date;
}

export async function sync(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { once: { type: "boolean" }, repo: { type: "string" }, since: { type: "string" } },
  });
  if (!values.once)
    throw new UserError(
      "`pipewatch sync` runs one pass: pass --once (or run `pipewatch worker`)",
      2,
    );
  const config = loadConfig();
  let selectors = config.repos;
  if (values.repo !== undefined) {
    const selector = parseRepoSelector(values.repo);
    if (!selector)
      throw new UserError(`--repo must be owner/name or owner/*, got "${values.repo}"`, 2);
    selectors = [selector];
  }
  const since = parseSince(values.since);
  return withDatabase(config, async (db) => {
    const progress = createProgressPrinter(process.stderr, () => env.telemetry.budget.remaining);
    const env = createSyncEnvironment(config, db, { log, onProgress: (p) => progress.update(p) });
    const started = Date.now();
    const outcomes = await syncSelected(env, selectors, {
      since,
      limited: values.repo !== undefined,
      onDiscovered: (count) => progress.setTotal(count),
      onOutcome: () => progress.repoDone(),
    });
    const failed = outcomes.filter((o) => o.status === "failed");
    for (const o of outcomes) {
      if (o.status === "failed") log(`${o.repo}: ${o.error}`);
      else if (o.status === "busy") log(`${o.repo}: skipped, another worker is syncing it`);
      else if (o.status === "stopped") log(`${o.repo}: stopped before the end of its pass`);
      else if (o.result.deferred > 0)
        log(
          `${o.repo}: the details of ${o.result.deferred} run(s) wait for GitHub's budget to reset; run again after ${env.telemetry.budget.resetAt?.toISOString() ?? "the reset"}`,
        );
    }
    const t = env.telemetry;
    log(
      `${outcomes.length - failed.length} of ${outcomes.length} repositories synced in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `${t.apiRequests} API requests, ${t.notModified} answered 304 (free)` +
        (t.budget.remaining === null ? "" : `, ${t.budget.remaining} left in the budget`),
    );
    return failed.length > 0 ? 1 : 0;
  });
}

export async function worker(args: string[]): Promise<number> {
  parseArgs({ args, strict: true, options: {} });
  const config = loadConfig();
  // A bad PIPEWATCH_ALERTS_FILE stops the worker before it starts, saying why.
  const channels = loadAlertChannels(config);
  return withDatabase(config, async (db) => {
    const env = createSyncEnvironment(config, db, { log });
    const stop = new AbortController();
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop.abort());
    log(
      `worker (pid ${process.pid}): syncing ${config.repos.map((r) => `${r.owner}/${r.repo}`).join(", ") || "(no repositories: set PIPEWATCH_REPOS)"} every ${config.pollIntervalSeconds} s`,
    );
    const alerts = runAlerts(config, channels, db, {
      workerId: env.workerId,
      signal: stop.signal,
      log,
    });
    startDigestSchedule(config, db, env.workerId, log, stop.signal);
    const retention = runRetention(db, {
      days: config.retentionDays,
      workerId: env.workerId,
      signal: stop.signal,
      onPruned: (result) => {
        const rows = Object.values(result.deleted).reduce((a, b) => a + b, 0);
        log(`retention: deleted ${rows} rows created before ${result.cut.toISOString()}`);
      },
      onError: (error) => log(`retention: ${describeError(error)}`),
    });
    await runWorker(env, config.repos, stop.signal, (o) => {
      if (o.status === "failed") log(`${o.repo}: ${o.error}`);
      else if (o.status === "synced")
        log(
          o.result.runsStored + o.result.detailed + o.result.deployments === 0
            ? `${o.repo}: up to date`
            : `${o.repo}: ${o.result.runsStored} runs updated, ${o.result.detailed} with their jobs, logs and tests; ${o.result.deployments} deployments`,
        );
    });
    await Promise.all([alerts, retention]);
    log("worker stopped.");
    return 0;
  });
}
