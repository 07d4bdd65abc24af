// Limits on wrong passwords: per client and overall, in a sliding window. The overall limit is
// the real bound on guessing (a client can change its address, or its X-Forwarded-For); the
// per-client one keeps a single noisy client from locking everyone else out first.
export type AttemptLimits = {
  perClient: number;
  overall: number;
  windowMs: number;
};

/** 5 wrong passwords per client and 50 in all per 15 minutes. */
export const DEFAULT_LIMITS: AttemptLimits = { perClient: 5, overall: 50, windowMs: 15 * 60_000 };

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts failures; answers whether another attempt may be made now. */
export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();
  private all: number[] = [];

  constructor(
    private readonly limits: AttemptLimits = DEFAULT_LIMITS,
    private readonly clock: () => number = Date.now,
  ) {}

  private recent(times: number[], now: number): number[] {
    return times.filter((time) => time > now - this.limits.windowMs);
  }

  /** Whether `client` may try a password now; when not, in how many seconds it may. */
  check(client: string): AttemptVerdict {
    const now = this.clock();
    this.all = this.recent(this.all, now);
    const mine = this.recent(this.failures.get(client) ?? [], now);
    if (mine.length === 0) this.failures.delete(client);
    else this.failures.set(client, mine);
    const blockedBy = [
      mine.length >= this.limits.perClient ? mine[mine.length - this.limits.perClient] : undefined,
      this.all.length >= this.limits.overall
        ? this.all[this.all.length - this.limits.overall]
        : undefined,
    ].filter((time): time is number => time !== undefined);
    if (blockedBy.length === 0) return { allowed: true };
    // Free again once the failure that fills the limit leaves the window.
    const until = Math.max(...blockedBy) + this.limits.windowMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
  }

  recordFailure(client: string): void {
    const now = this.clock();
    this.all.push(now);
    this.failures.set(client, [...(this.failures.get(client) ?? []), now]);
  }

  /** A right password: that client's failures are forgotten (the overall count stays). */
  recordSuccess(client: string): void {
    this.failures.delete(client);
  }
}

/**
 * The client a request comes from, as far as headers tell: the last X-Forwarded-For entry
 * (the one the nearest proxy added), else X-Real-IP, else one shared key.
 */
export function clientKey(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "unknown";
}
