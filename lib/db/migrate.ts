// Applies prisma/migrations/*/migration.sql in order, recording them in `_prisma_migrations`
// exactly as Prisma's schema engine does, so `prisma migrate status|deploy` (for a user whose
// machine has Prisma's engines) agrees with what Pipewatch applied.
//
// Why our own runner: Prisma's migrate engine is a native binary downloaded on first use, which
// offline installs (and the embedded database) cannot rely on.
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { UserError } from "@/lib/errors";

/** Prisma's own advisory lock key for migrations: we exclude `prisma migrate` and each other. */
export const MIGRATION_LOCK_KEY = 72707369;

export const DEFAULT_MIGRATIONS_DIR = path.join(
  /*turbopackIgnore: true*/ process.cwd(),
  "prisma",
  "migrations",
);

export type Migration = { name: string; sql: string; checksum: string };

export type MigrateResult = { applied: string[]; current: string | null };

export class MigrationError extends UserError {}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Prisma's checksum of a migration script: SHA-256 of its UTF-8 bytes, lower-case hex. */
export function checksumOf(sql: string): string {
  return createHash("sha256").update(sql, "utf8").digest("hex");
}

/** Like Prisma, a script still matches when only its line endings changed (git autocrlf). */
export function matchesChecksum(sql: string, checksum: string): boolean {
  const lf = sql.replaceAll("\r\n", "\n");
  return [sql, lf, lf.replaceAll("\n", "\r\n")].some((variant) => checksumOf(variant) === checksum);
}

/** The migrations on disk, ordered by folder name (their timestamp prefix). */
export async function listMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  // Read at run time from the working directory, not traced into Next's bundle.
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(/*turbopackIgnore: true*/ dir, name, "migration.sql");
      const sql = await readFile(/*turbopackIgnore: true*/ file, "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

async function readApplied(client: pg.ClientBase): Promise<AppliedRow[]> {
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
  return rows;
}

function checkHistory(local: Migration[], applied: AppliedRow[]): void {
  const failed = applied.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and was never completed; resolve it by hand (see \`prisma migrate resolve\`) before starting Pipewatch.`,
    );
  }
  const byName = new Map(local.map((migration) => [migration.name, migration]));
  for (const row of applied) {
    if (row.rolled_back_at !== null) continue;
    const migration = byName.get(row.migration_name);
    if (!migration) {
      throw new MigrationError(
        `The database has migration ${row.migration_name}, which this version of Pipewatch does not know: it was migrated by a newer version.`,
      );
    }
    if (!matchesChecksum(migration.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied (checksum differs); add a new migration instead of changing an applied one.`,
      );
    }
  }
}

/** Applies one migration in a transaction; false when another process applied it meanwhile. */
async function applyOne(client: pg.ClientBase, migration: Migration): Promise<boolean> {
  await client.query("BEGIN");
  try {
    // Re-checked inside the transaction: the embedded database has one shared session, where
    // advisory locks do not exclude, but a transaction does.
    const { rowCount } = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (rowCount) {
      await client.query("ROLLBACK");
      return false;
    }
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
    return true;
  } catch (error: unknown) {
    await client.query("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}

async function takeMigrationLock(
  client: pg.ClientBase,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) throw new MigrationError("Stopped while waiting for the migration lock.");
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1) AS locked",
      [MIGRATION_LOCK_KEY],
    );
    if (rows[0]?.locked) return;
    if (Date.now() > deadline) {
      throw new MigrationError(
        `Another process has been migrating this database for over ${Math.round(timeoutMs / 1000)} s (advisory lock ${MIGRATION_LOCK_KEY}); is a \`prisma migrate\` stuck?`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Applies every pending migration, each in its own transaction, while holding the migration
 * advisory lock, so processes starting together never migrate twice.
 */
export async function migrate(
  url: string,
  options: {
    dir?: string;
    log?: (line: string) => void;
    lockTimeoutMs?: number;
    /** Aborts the wait for another process's migration lock (Ctrl-C during start-up). */
    signal?: AbortSignal;
  } = {},
): Promise<MigrateResult> {
  const local = await listMigrations(options.dir);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on("error", () => undefined); // a broken connection also rejects the pending query
  await client.connect();
  try {
    await takeMigrationLock(client, options.lockTimeoutMs ?? 60_000, options.signal);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const history = await readApplied(client);
      checkHistory(local, history);
      const done = new Set(
        history.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name),
      );
      const applied: string[] = [];
      for (const migration of local.filter((m) => !done.has(m.name))) {
        if (await applyOne(client, migration)) {
          options.log?.(`Applied migration ${migration.name}`);
          applied.push(migration.name);
        }
      }
      return { applied, current: local.at(-1)?.name ?? null };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
