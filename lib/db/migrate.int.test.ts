import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import {
  checksumOf,
  DEFAULT_MIGRATIONS_DIR,
  listMigrations,
  MigrationError,
  migrate,
} from "./migrate.ts";
import { createEmptyTestDatabase, type TestDatabase } from "./testing.ts";

let database: TestDatabase | undefined;
const scratchDirs: string[] = [];
afterEach(async () => {
  await database?.drop();
  database = undefined;
  await Promise.all(scratchDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A migrations folder holding our real migrations plus `extra` ones. */
async function migrationsWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "pipewatch-migrations-"));
  scratchDirs.push(dir);
  await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("migrate", () => {
  it("applies every migration once and records it as Prisma does", async () => {
    database = await createEmptyTestDatabase();
    const local = await listMigrations();
    const first = await migrate(database.url);
    expect(first.applied).toEqual(local.map((m) => m.name));
    const again = await migrate(database.url);
    expect(again.applied).toEqual([]);

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      logs: string | null;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(database.url, `SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows).toHaveLength(local.length);
    for (const [i, row] of rows.entries()) {
      const file = await readFile(
        path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"),
      );
      expect(row.migration_name).toBe(local[i]?.name);
      expect(row.checksum).toBe(checksumOf(file.toString("utf8")));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.logs).toBeNull();
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies each migration exactly once when several processes start together", async () => {
    database = await createEmptyTestDatabase();
    const url = database.url;
    const results = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    const applied = results.flatMap((result) => result.applied);
    const local = await listMigrations();
    expect(applied.sort()).toEqual(local.map((m) => m.name).sort());
    const rows = await query<{ n: number }>(
      url,
      `SELECT count(*)::int AS n FROM "_prisma_migrations"`,
    );
    expect(rows[0]?.n).toBe(local.length);
  });

  it("rolls a failing migration back whole and records nothing for it", async () => {
    database = await createEmptyTestDatabase();
    const dir = await migrationsWith({
      "29990101000000_broken": `CREATE TABLE "half_done" ("id" INTEGER);\nSELECT no_such_function();\n`,
    });
    await expect(migrate(database.url, { dir })).rejects.toThrow(
      /29990101000000_broken failed and was rolled back/,
    );
    const tables = await query(database.url, `SELECT 1 FROM pg_class WHERE relname = 'half_done'`);
    expect(tables).toHaveLength(0);
    const rows = await query<{ migration_name: string }>(
      database.url,
      `SELECT migration_name FROM "_prisma_migrations"`,
    );
    expect(rows.map((row) => row.migration_name)).not.toContain("29990101000000_broken");
  });

  it("refuses a migration that was edited after it was applied, but not a line-ending change", async () => {
    database = await createEmptyTestDatabase();
    const extra = { "29990101000000_extra": `CREATE TABLE "extra" ("id" INTEGER);\n` };
    const dir = await migrationsWith(extra);
    await migrate(database.url, { dir });
    const file = path.join(dir, "29990101000000_extra", "migration.sql");
    await writeFile(file, `CREATE TABLE "extra" ("id" INTEGER);\r\n`);
    await expect(migrate(database.url, { dir })).resolves.toMatchObject({ applied: [] });
    await writeFile(file, `CREATE TABLE "extra" ("id" BIGINT);\n`);
    await expect(migrate(database.url, { dir })).rejects.toThrow(/was edited after it was applied/);
  });

  it("refuses a database migrated by a newer Pipewatch", async () => {
    database = await createEmptyTestDatabase();
    const dir = await migrationsWith({ "29990101000000_future": `SELECT 1;\n` });
    await migrate(database.url, { dir });
    const error = await migrate(database.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(String(error)).toMatch(/does not know: it was migrated by a newer version/);
  });
});
