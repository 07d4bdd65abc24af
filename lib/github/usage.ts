// Counting requests to GitHub: exchanges are buffered and added to the hourly counters of
// api_usage (per endpoint and status) in one statement per flush.
import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Exchange } from "./client.ts";

type Counter = { hour: Date; endpoint: string; status: number; count: number; durationMs: number };

const HOUR = 3600_000;

/** Collects exchanges in memory; flush() writes them. */
export class UsageRecorder {
  private counters = new Map<string, Counter>();

  record(exchange: Exchange, at = Date.now()): void {
    const hour = new Date(Math.floor(at / HOUR) * HOUR);
    const key = `${hour.getTime()}|${exchange.endpoint}|${exchange.status}`;
    const counter = this.counters.get(key) ?? {
      hour,
      endpoint: exchange.endpoint,
      status: exchange.status,
      count: 0,
      durationMs: 0,
    };
    counter.count++;
    counter.durationMs += exchange.durationMs;
    this.counters.set(key, counter);
  }

  /** Adds what was recorded since the last flush to api_usage; returns how many exchanges. */
  async flush(db: Db): Promise<number> {
    const counters = [...this.counters.values()];
    this.counters = new Map();
    if (counters.length === 0) return 0;
    const rows = counters.map(
      (c) => Prisma.sql`(${c.hour}, ${c.endpoint}, ${c.status}, ${c.count}, ${c.durationMs})`,
    );
    await db.$executeRaw`
      INSERT INTO api_usage (hour, endpoint, status, count, total_duration_ms)
      VALUES ${Prisma.join(rows)}
      ON CONFLICT (hour, endpoint, status) DO UPDATE
        SET count = api_usage.count + EXCLUDED.count,
            total_duration_ms = api_usage.total_duration_ms + EXCLUDED.total_duration_ms`;
    return counters.reduce((sum, c) => sum + c.count, 0);
  }
}
