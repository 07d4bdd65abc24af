// What /api/health reports: whether the database answers and whether its schema is current.
// Details of a failure are logged on the server, not sent to (possibly anonymous) callers.
import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { listMigrations } from "@/lib/db/migrate";
import { getLogger } from "@/lib/log/log";
import { getSyncStatus, type SyncSummary, summarizeSyncStatus } from "@/lib/sync/status";

export type Health = {
  /** degraded: serving, but a repository has not synced for three poll intervals. */
  status: "ok" | "degraded" | "error";
  database: {
    reachable: boolean;
    kind: "embedded" | "postgresql";
    latencyMs: number | null;
    /** The latest migration applied to the database. */
    migration: string | null;
    /** Migrations this version of Pipewatch has that the database lacks. */
    pendingMigrations: number | null;
    error?: string;
  };
  /** Counts only: the page shows which repository and why (health is public). */
  sync?: SyncSummary;
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

/** Names of the migrations applied to the database (none when it was never migrated). */
async function listAppliedMigrations(): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  return rows.map((row) => row.migration_name);
}

// The migrations this build ships: read (and hashed) once per process, not on every check.
let knownMigrations: Promise<string[]> | undefined;

async function readSchemaState(): Promise<{ migration: string | null; pending: number }> {
  const exists = await getDb().$queryRaw<{ present: boolean }[]>`
    SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`;
  const applied = exists[0]?.present ? await listAppliedMigrations() : [];
  knownMigrations ??= listMigrations().then((migrations) => migrations.map((m) => m.name));
  const known = await knownMigrations.catch((error: unknown) => {
    knownMigrations = undefined; // try again on the next check
    throw error;
  });
  const done = new Set(applied);
  return {
    migration: [...applied].sort().at(-1) ?? null,
    pending: known.filter((name) => !done.has(name)).length,
  };
}

/** The sync's part of the health: degraded when a repository is failing, or unknown. */
async function readSyncHealth(): Promise<Pick<Health, "status" | "sync">> {
  try {
    const sync = await withTimeout(
      getSyncStatus(getDb(), getConfig().pollIntervalSeconds * 1000),
      TIMEOUT_MS,
    );
    return { status: sync.degraded ? "degraded" : "ok", sync: summarizeSyncStatus(sync) };
  } catch (error: unknown) {
    getLogger().error({ err: error }, "health check: cannot read the sync status");
    return { status: "degraded" };
  }
}

/** Checks the database within a few seconds; never throws. */
export async function getHealth(): Promise<Health> {
  const kind: Health["database"]["kind"] = getConfig().embeddedDatabase ? "embedded" : "postgresql";
  const started = performance.now();
  try {
    await withTimeout(getDb().$queryRaw`SELECT 1`, TIMEOUT_MS);
  } catch (error: unknown) {
    getLogger().error({ err: error }, "health check: database unreachable");
    return {
      status: "error",
      database: {
        reachable: false,
        kind,
        latencyMs: null,
        migration: null,
        pendingMigrations: null,
        error: "database unreachable",
      },
    };
  }
  const latencyMs = Math.round(performance.now() - started);
  try {
    const { migration, pending } = await withTimeout(readSchemaState(), TIMEOUT_MS);
    const database = { reachable: true, kind, latencyMs, migration, pendingMigrations: pending };
    if (pending === 0) return { ...(await readSyncHealth()), database };
    return {
      status: "error",
      database: { ...database, error: `${pending} migration(s) not applied` },
    };
  } catch (error: unknown) {
    getLogger().error({ err: error }, "health check: cannot read the schema version");
    return {
      status: "error",
      database: {
        reachable: true,
        kind,
        latencyMs,
        migration: null,
        pendingMigrations: null,
        error: "schema version unreadable",
      },
    };
  }
}
