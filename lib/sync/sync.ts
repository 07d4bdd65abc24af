// A sync of the configured repositories: discover them (owner/* expanded), store them, then
// one pass over each, holding that repository's lease so that several workers never sync the
// same repository at once. Used by `pipewatch sync --once` and by the worker.
import "server-only";
import type { RepoSelector } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { describeError, UserError } from "@/lib/errors";
import { type GitHubClient, statusOf } from "@/lib/github/client";
import { evaluateRepositoryFlags } from "@/lib/metrics/flags/evaluate";
import type { SyncOptions, SyncProgress, SyncRepo } from "./context.ts";
import { type Discovered, discoverSelector, storeDiscoveryValidators } from "./discovery.ts";
import type { GitHubRepository } from "./github-schemas.ts";
import { withLease } from "./leases.ts";
import { type RepoSyncResult, syncRepository } from "./repo-sync.ts";
import { RepositoryNotFoundError, saveRepositories } from "./repositories.ts";
import { failSync, finishSync } from "./sync-state.ts";
import type { SyncTelemetry } from "./telemetry.ts";

const LEASE_MS = 120_000;
const MAX_BACKOFF_MS = 3600_000;

export type SyncEnvironment = {
  db: Db;
  clientFor: (owner: string) => Promise<GitHubClient>;
  telemetry: SyncTelemetry;
  options: SyncOptions;
  pollIntervalMs: number;
  /** This worker's name in leases. */
  workerId: string;
  now?: () => Date;
  /**
   * Drops the GitHub clients, so the next `clientFor` makes new ones: after a wall-clock jump
   * back, their rate limiter (Bottleneck, which times by Date.now()) would hold every request
   * for as long as the clock jumped.
   */
  resetClients?: () => void;
  log?: (line: string) => void;
  onProgress?: (progress: SyncProgress) => void;
  /** Aborted when the worker shuts down: a pass ends after its current page, unrecorded. */
  stop?: AbortSignal;
};

export type RepoOutcome =
  | { repo: string; status: "synced"; result: RepoSyncResult }
  | { repo: string; status: "busy" }
  /** Cut short by a shutdown: still due, so the next worker carries on where it ended. */
  | { repo: string; status: "stopped" }
  | { repo: string; status: "failed"; error: string };

/** The message for an error of GitHub's that the person running Pipewatch can act on. */
export function explainGitHubError(error: unknown): string {
  const status = statusOf(error);
  if (status === 401)
    return "GitHub rejected the token (401 Bad credentials): check GITHUB_TOKEN or the GitHub App settings";
  if (isRateLimited(error))
    return "GitHub's rate limit is exhausted; the sync resumes when it resets";
  if (status === 403) return `GitHub refused access (403): ${String((error as Error).message)}`;
  return describeError(error);
}

/**
 * The repositories the selectors name, from GitHub (conditionally: see discovery.ts). Nothing
 * is stored; call `storeDiscovery` once the repositories are saved.
 */
export async function discover(env: SyncEnvironment, selectors: RepoSelector[]) {
  if (selectors.length === 0)
    throw new UserError(
      "No repositories to sync: set PIPEWATCH_REPOS (e.g. acme/api,acme-infra/*) or pass --repo owner/name",
    );
  const found: Discovered[] = [];
  const missing: { selector: string; error: string }[] = [];
  for (const selector of selectors) {
    try {
      found.push(await discoverSelector(env.db, await env.clientFor(selector.owner), selector));
    } catch (error: unknown) {
      // A repository or owner GitHub does not know is reported, and the others are synced;
      // any other failure stops the discovery (nothing may be untracked on a guess).
      if (error instanceof RepositoryNotFoundError) {
        missing.push({ selector: `${selector.owner}/${selector.repo}`, error: error.message });
        continue;
      }
      if (error instanceof UserError) throw error;
      throw new UserError(explainGitHubError(error));
    }
  }
  const unique = new Map<number, GitHubRepository>();
  for (const repo of found.flatMap((d) => d.repos)) unique.set(repo.id, repo);
  const repos = [...unique.values()].sort((a, b) => a.full_name.localeCompare(b.full_name));
  return { repos, missing, store: () => storeDiscoveryValidators(env.db, found) };
}

/** Discovers the selected repositories and stores them (untracking others unless `limited`). */
export async function discoverAndSave(
  env: SyncEnvironment,
  selectors: RepoSelector[],
  limited = false,
): Promise<{ repos: GitHubRepository[]; missing: { selector: string; error: string }[] }> {
  const { repos, missing, store } = await discover(env, selectors);
  await saveRepositories(env.db, repos, { untrackOthers: !limited });
  await store();
  return { repos, missing };
}

/** Jittered interval (±10%) or, after failures, exponential back-off capped at an hour. */
export function nextSyncDelay(intervalMs: number, failures: number, random = Math.random): number {
  const base = failures === 0 ? intervalMs : Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** failures);
  return Math.round(base * (0.9 + 0.2 * random()));
}

/**
 * How far ahead a sync can ever be scheduled: the longest delay nextSyncDelay gives, or a
 * rate limit's reset (GitHub's window is an hour), with a minute to spare. A next_sync_at
 * beyond it was written before the wall clock moved back; waiting for it would stall the
 * poller for as long as the clock jumped.
 */
export function scheduleHorizonMs(intervalMs: number): number {
  return Math.max(intervalMs, MAX_BACKOFF_MS) * 1.1 + 60_000;
}

/** Whether a sync scheduled at `nextSyncAt` is due at `now` (see scheduleHorizonMs). */
export function isSyncDue(nextSyncAt: Date | null, now: number, intervalMs: number): boolean {
  if (!nextSyncAt) return true;
  const at = nextSyncAt.getTime();
  return at <= now || at > now + scheduleHorizonMs(intervalMs);
}

async function isDue(env: SyncEnvironment, repoId: number): Promise<boolean> {
  const state = await env.db.syncState.findUnique({ where: { repoId: BigInt(repoId) } });
  return isSyncDue(state?.nextSyncAt ?? null, Date.now(), env.pollIntervalMs);
}

/** When to try again after a failed pass: at the budget's reset when it ran out, else back-off. */
function retryAt(env: SyncEnvironment, error: unknown, failures: number): Date {
  const reset = env.telemetry.budget.resetAt;
  if (isRateLimited(error) && reset && reset.getTime() > Date.now())
    return new Date(reset.getTime() + 1000);
  return new Date(Date.now() + nextSyncDelay(env.pollIntervalMs, failures));
}

function isRateLimited(error: unknown): boolean {
  const status = statusOf(error);
  return (status === 403 || status === 429) && /rate limit/i.test(String(error));
}

/** One pass over one stored repository, under its lease. */
export async function syncOneRepository(
  env: SyncEnvironment,
  repo: SyncRepo,
  options: { since?: Date; onlyIfDue?: boolean } = {},
): Promise<RepoOutcome> {
  const { since, onlyIfDue } = options;
  const now = env.now ?? (() => new Date());
  const log = env.log ?? (() => undefined);
  const held = await withLease(
    env.db,
    `sync:${repo.id}`,
    env.workerId,
    LEASE_MS,
    async (leaseSignal): Promise<RepoOutcome> => {
      const signal = env.stop ? AbortSignal.any([leaseSignal, env.stop]) : leaseSignal;
      // Another worker may have synced it between our reading the due list and the lease.
      if (onlyIfDue && !(await isDue(env, repo.id))) return { repo: repo.fullName, status: "busy" };
      env.telemetry.takeSpent();
      try {
        const client = await env.clientFor(repo.owner);
        const result = await syncRepository(
          {
            db: env.db,
            client,
            options: env.options,
            now,
            log,
            onExchange: env.telemetry.onExchange,
            onProgress: env.onProgress,
            budgetRemaining: () => env.telemetry.remainingNow(),
          },
          repo,
          { since, signal },
        );
        const failed = result.failedDetails;
        if (failed.length > 0)
          throw new Error(
            `the details of ${failed.length} run(s) could not be read (tried again next time): ${failed[0]?.message}`,
          );
        // The pipeline flags follow the data just stored, before the sync is recorded done: a
        // reader who sees the new sync sees its flags (a failure here is logged, not the sync's).
        await evaluateRepositoryFlags(env.db, repo.id, now()).catch((error: unknown) =>
          log(`flags of ${repo.fullName}: ${explainGitHubError(error)}`),
        );
        await finishSync(env.db, repo.id, {
          requests: env.telemetry.takeSpent(),
          budget: env.telemetry.budget,
          // Details left for the budget's reset: come back then rather than a whole interval on.
          nextAt:
            result.deferred > 0 && env.telemetry.budget.resetAt
              ? new Date(env.telemetry.budget.resetAt.getTime() + 1000)
              : new Date(Date.now() + nextSyncDelay(env.pollIntervalMs, 0)),
          backfillComplete: result.fullPass,
        });
        return { repo: repo.fullName, status: "synced", result } as const;
      } catch (error: unknown) {
        // Not a failure: no back-off, and next_sync_at stays due for whoever starts next.
        if (env.stop?.aborted) return { repo: repo.fullName, status: "stopped" } as const;
        const message = explainGitHubError(error);
        await failSync(env.db, repo.id, {
          message,
          requests: env.telemetry.takeSpent(),
          budget: env.telemetry.budget,
          backoff: (failures) => retryAt(env, error, failures),
        });
        return { repo: repo.fullName, status: "failed", error: message } as const;
      } finally {
        await env.telemetry.flush(env.db).catch(() => undefined);
      }
    },
  );
  return held ? held.value : { repo: repo.fullName, status: "busy" };
}

/** Discovers the selected repositories, stores them, and syncs each once. */
export async function syncSelected(
  env: SyncEnvironment,
  selectors: RepoSelector[],
  options: {
    since?: Date;
    limited?: boolean;
    onDiscovered?: (count: number) => void;
    onOutcome?: (outcome: RepoOutcome) => void;
  } = {},
): Promise<RepoOutcome[]> {
  const { repos, missing } = await discoverAndSave(env, selectors, options.limited);
  options.onDiscovered?.(repos.length);
  const outcomes: RepoOutcome[] = missing.map((m) => ({
    repo: m.selector,
    status: "failed",
    error: m.error,
  }));
  for (const r of repos) {
    const repo = { id: r.id, owner: r.owner.login, name: r.name, fullName: r.full_name };
    const outcome = await syncOneRepository(env, repo, { since: options.since });
    options.onOutcome?.(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}
