// The worker: syncs every tracked repository again and again, each when it is due
// (sync_states.next_sync_at: the poll interval with jitter after a success, exponential
// back-off after failures, "now" when a webhook asks), one repository at a time per worker,
// each under its lease so that several workers share an organisation safely.
import "server-only";
import type { RepoSelector } from "@/lib/config";
import { describeError } from "@/lib/errors";
import { evaluateFreshness } from "@/lib/metrics/flags/evaluate";
import type { SyncRepo } from "./context.ts";
import { withLease } from "./leases.ts";
import {
  discoverAndSave,
  type RepoOutcome,
  type SyncEnvironment,
  scheduleHorizonMs,
  syncOneRepository,
} from "./sync.ts";

const TICK_MS = 2_000;
/** How often the repository list (owner/* expansions) is read again. */
const DISCOVER_EVERY_MS = 10 * 60_000;
/** GitHub's rate-limit window: no reset is further away, whatever our clock says. */
const RATE_LIMIT_WINDOW_MS = 3600_000;
/** A difference between the wall clock and the monotonic one taken for a jump of the former. */
const CLOCK_JUMP_MS = 30_000;

/** Returns, on each call, how far the wall clock jumped since the last call (0 when it did not). */
function clockJumps(): () => number {
  let wall = Date.now();
  let monotonic = performance.now();
  return () => {
    const jump = Date.now() - wall - (performance.now() - monotonic);
    wall = Date.now();
    monotonic = performance.now();
    return Math.abs(jump) >= CLOCK_JUMP_MS ? jump : 0;
  };
}

/**
 * Tracked repositories whose sync is due, the most overdue first; also those scheduled beyond
 * any delay we give (the wall clock moved back since: see isSyncDue).
 */
export async function dueRepositories(env: SyncEnvironment, now = new Date()): Promise<SyncRepo[]> {
  const horizon = new Date(now.getTime() + scheduleHorizonMs(env.pollIntervalMs));
  const rows = await env.db.$queryRaw<
    { id: bigint; owner: string; name: string; full_name: string }[]
  >`
    SELECT r.id, r.owner, r.name, r.full_name FROM repositories r
      LEFT JOIN sync_states s ON s.repo_id = r.id
     WHERE r.tracked AND (s.next_sync_at IS NULL OR s.next_sync_at <= ${now}
                          OR s.next_sync_at > ${horizon})
     ORDER BY s.next_sync_at NULLS FIRST, r.full_name`;
  return rows.map((r) => ({
    id: Number(r.id),
    owner: r.owner,
    name: r.name,
    fullName: r.full_name,
  }));
}

/** Waits `ms`, or less when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Runs until `signal` aborts, then resolves once the repository in progress has stored its
 * current page. Errors are logged and retried; they never end the loop.
 */
export async function runWorker(
  env: SyncEnvironment,
  selectors: RepoSelector[],
  signal: AbortSignal,
  onOutcome: (outcome: RepoOutcome, durationMs: number) => void = () => undefined,
): Promise<void> {
  const log = env.log ?? (() => undefined);
  // Intervals within this process are measured on the monotonic clock, which wall-clock
  // jumps (NTP steps, a VM resumed, a hand-set date) do not move.
  let discoveredAt = Number.NEGATIVE_INFINITY;
  let failures = 0;
  const jumped = clockJumps();
  while (!signal.aborted) {
    const jump = jumped();
    if (jump !== 0) {
      const by = `${jump > 0 ? "forward" : "back"} by ${Math.round(Math.abs(jump) / 1000)} s`;
      log(
        `the wall clock jumped ${by}: new GitHub clients, and schedules set beyond reach are due`,
      );
      env.resetClients?.();
    }
    try {
      if (performance.now() - discoveredAt >= DISCOVER_EVERY_MS) {
        // One worker expands the selection at a time; the others use what it stored.
        await withLease(env.db, "discover", env.workerId, 60_000, async () => {
          const { missing } = await discoverAndSave(env, selectors);
          for (const m of missing) log(`${m.selector}: ${m.error}`);
        });
        discoveredAt = performance.now();
      }
      for (const repo of await dueRepositories(env)) {
        if (signal.aborted) break;
        // Out of budget: wait for GitHub's reset rather than fail every repository in turn.
        const { remaining, resetAt } = env.telemetry.budget;
        if (remaining !== null && remaining < env.options.budgetReserve / 2 && resetAt) {
          // Capped at GitHub's window: a clock that moved back must not make it hours.
          const wait = Math.min(resetAt.getTime() - Date.now() + 1000, RATE_LIMIT_WINDOW_MS);
          if (wait > 0) {
            log(`GitHub's budget is spent; waiting ${Math.ceil(wait / 1000)} s for it to reset`);
            await sleep(wait, signal);
            env.telemetry.budget = { remaining: null, resetAt: null };
          }
        }
        const started = performance.now();
        // A stop ends the pass after its current page rather than after the whole repository.
        const outcome = await syncOneRepository({ ...env, stop: signal }, repo, {
          onlyIfDue: true,
        });
        onOutcome(outcome, Math.round(performance.now() - started));
      }
      // Freshness is judged over every repository, by one worker at a time.
      await withLease(env.db, "flags:stale_data", env.workerId, 60_000, () =>
        evaluateFreshness(env.db, new Date(), env.pollIntervalMs),
      );
      failures = 0;
    } catch (error: unknown) {
      failures++;
      log(`sync: ${describeError(error)}`);
      await sleep(Math.min(env.pollIntervalMs, TICK_MS * 2 ** failures), signal);
    }
    await sleep(TICK_MS, signal);
  }
}
