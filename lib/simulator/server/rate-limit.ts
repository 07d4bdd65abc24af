// GitHub's primary rate limit: a budget of requests per token per window (an hour on GitHub),
// counted from the window's first request. 304 answers and GET /rate_limit are free.

export type BudgetState = { limit: number; remaining: number; used: number; resetAt: number };

export class RateLimiter {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs = 3600_000,
    private readonly clock: () => number = Date.now,
  ) {}

  private window(token: string) {
    const now = this.clock();
    let window = this.windows.get(token);
    if (!window || now >= window.start + this.windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(token, window);
    }
    return window;
  }

  state(token: string): BudgetState {
    const window = this.window(token);
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.used),
      used: window.used,
      resetAt: window.start + this.windowMs,
    };
  }

  /** Spends one request; false when the budget is gone. */
  spend(token: string): boolean {
    const window = this.window(token);
    if (window.used >= this.limit) return false;
    window.used++;
    return true;
  }

  /** Uses the whole remaining budget at once (the "sudden exhaustion" fault). */
  exhaust(token: string): void {
    this.window(token).used = this.limit;
  }
}

/** The x-ratelimit-* headers for a budget state. */
export function rateLimitHeaders(state: BudgetState): Record<string, string> {
  return {
    "x-ratelimit-limit": String(state.limit),
    "x-ratelimit-remaining": String(state.remaining),
    "x-ratelimit-used": String(state.used),
    "x-ratelimit-reset": String(Math.ceil(state.resetAt / 1000)),
    "x-ratelimit-resource": "core",
  };
}
