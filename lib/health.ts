// What /api/health reports: whether the database answers, and which migration it is at.
import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { describeError } from "@/lib/errors";

export type Health = {
  status: "ok" | "error";
  database: {
    reachable: boolean;
    kind: "embedded" | "postgresql";
    latencyMs: number | null;
    migration: string | null;
    error?: string;
  };
};

const TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The latest migration applied to the database, or null before the first one. */
export async function getAppliedMigration(): Promise<string | null> {
  const rows = await getDb().$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
     ORDER BY migration_name DESC LIMIT 1`;
  return rows[0]?.migration_name ?? null;
}

/** Checks the database within a few seconds; never throws. */
export async function getHealth(): Promise<Health> {
  const kind = getConfig().embeddedDatabase ? "embedded" : "postgresql";
  const started = performance.now();
  try {
    const migration = await withTimeout(getAppliedMigration(), TIMEOUT_MS);
    const latencyMs = Math.round(performance.now() - started);
    return { status: "ok", database: { reachable: true, kind, latencyMs, migration } };
  } catch (error: unknown) {
    return {
      status: "error",
      database: {
        reachable: false,
        kind,
        latencyMs: null,
        migration: null,
        error: describeError(error),
      },
    };
  }
}
