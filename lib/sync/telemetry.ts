// What the GitHub client reports about each exchange, kept for the sync: hourly usage counters
// (api_usage), the requests a repository's pass spent, and the budget GitHub says is left.
import "server-only";
import type { Db } from "@/lib/db/client";
import type { Exchange } from "@/lib/github/client";
import { UsageRecorder } from "@/lib/github/usage";
import type { Budget } from "./sync-state.ts";

export class SyncTelemetry {
  private readonly usage = new UsageRecorder();
  /** Exchanges that cost budget (not 304s, not blob downloads) since the last `takeSpent`. */
  private spent = 0;
  /** Every API exchange and the 304s among them, for the whole process. */
  apiRequests = 0;
  notModified = 0;
  budget: Budget = { remaining: null, resetAt: null };

  readonly onExchange = (exchange: Exchange): void => {
    this.usage.record(exchange);
    if (exchange.endpoint.endsWith("(download)")) return;
    this.apiRequests++;
    if (exchange.status === 304) this.notModified++;
    else this.spent++;
    if (exchange.rateLimitRemaining !== null)
      this.budget = { remaining: exchange.rateLimitRemaining, resetAt: exchange.rateLimitResetAt };
  };

  /** The budget left, unless its reset has passed since GitHub said so (then unknown). */
  remainingNow(): number | null {
    const { remaining, resetAt } = this.budget;
    return resetAt && resetAt.getTime() <= Date.now() ? null : remaining;
  }

  takeSpent(): number {
    const spent = this.spent;
    this.spent = 0;
    return spent;
  }

  flush(db: Db): Promise<number> {
    return this.usage.flush(db);
  }
}
