// The drift test: the migrations, applied to an empty database, produce exactly what
// schema.prisma declares (read through Prisma's own DMMF), and nothing else.
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actualShape } from "./drift-actual.ts";
import { expectedShape } from "./drift-expected.ts";
import { compareShapes } from "./drift-shape.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

let database: TestDatabase;
let client: pg.Client;
let schema: string;

beforeAll(async () => {
  schema = await readFile(path.join(process.cwd(), "prisma", "schema.prisma"), "utf8");
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

/** Runs `change` inside a transaction that is always rolled back, and returns the drift seen. */
async function driftAfter(change: string): Promise<string[]> {
  await client.query("BEGIN");
  try {
    await client.query(change);
    return compareShapes(expectedShape(schema), await actualShape(client));
  } finally {
    await client.query("ROLLBACK");
  }
}

describe("schema drift", () => {
  it("finds none between schema.prisma and the migrated database", async () => {
    expect(compareShapes(expectedShape(schema), await actualShape(client))).toEqual([]);
  });

  it("sees a field added to schema.prisma only", async () => {
    const edited = schema.replace(
      /(model Repository \{\n)/,
      `$1  topics String[] @map("topic_list")\n  stars Int @default(0)\n`,
    );
    const drift = compareShapes(expectedShape(edited), await actualShape(client));
    expect(drift).toEqual([
      "repositories.topic_list: in schema.prisma but not in the database",
      "repositories.stars: in schema.prisma but not in the database",
    ]);
  });

  it("sees an index, a unique constraint and an enum value declared only in schema.prisma", async () => {
    const edited = schema
      .replace(
        `  @@index([repoId])\n  @@map("workflows")`,
        `  @@index([repoId])\n  @@index([state])\n  @@map("workflows")`,
      )
      .replace("  fullName      String   @unique", "  fullName      String")
      .replace("  warning\n  critical\n", "  info\n  warning\n  critical\n");
    const drift = compareShapes(expectedShape(edited), await actualShape(client));
    expect(drift).toContain(
      "workflows: index workflows_state_idx is in schema.prisma but not in the database",
    );
    expect(drift).toContain(
      "repositories: index repositories_full_name_key is in the database but not in schema.prisma",
    );
    expect(drift.some((line) => line.startsWith("enum severity:"))).toBe(true);
  });

  it("sees an index's sort order, method and predicate", async () => {
    const desc = schema.replace(
      "  @@index([repoId, createdAt])\n  @@index([repoId, headSha])",
      "  @@index([repoId, createdAt(sort: Desc)])\n  @@index([repoId, headSha])",
    );
    expect(desc).not.toBe(schema);
    const drift = compareShapes(expectedShape(desc), await actualShape(client));
    expect(drift).toHaveLength(1);
    expect(drift[0]).toMatch(
      /^workflow_runs: index workflow_runs_repo_id_created_at_idx is .* schema.prisma says .*created_at DESC/,
    );
    expect(
      await driftAfter(`DROP INDEX "jobs_run_id_run_attempt_idx";
        CREATE INDEX "jobs_run_id_run_attempt_idx" ON "jobs"("run_id", "run_attempt") WHERE "status" = 'completed'`),
    ).toHaveLength(1);
    expect(
      await driftAfter(
        `DROP INDEX "flags_open_key_key"; CREATE UNIQUE INDEX "flags_open_key_key" ON "flags" USING hash ("open_key")`,
      ).catch(() => ["hash indexes cannot be unique"]),
    ).toHaveLength(1);
    expect(
      await driftAfter(
        `DROP INDEX "workflows_repo_id_idx"; CREATE INDEX "workflows_repo_id_idx" ON "workflows" USING hash ("repo_id")`,
      ),
    ).toHaveLength(1);
    expect(
      await driftAfter(
        `DROP INDEX "workflows_repo_id_idx"; CREATE INDEX "workflows_repo_id_idx" ON "workflows" (lower("name"))`,
      ),
    ).toHaveLength(1);
  });

  it("sees views, functions and triggers, which schema.prisma cannot declare", async () => {
    expect(await driftAfter(`CREATE VIEW "latest_runs" AS SELECT * FROM "workflow_runs"`)).toEqual([
      "view latest_runs: in the database but not in schema.prisma",
    ]);
    const trigger =
      await driftAfter(`CREATE FUNCTION "touch"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER "touch_jobs" BEFORE UPDATE ON "jobs" FOR EACH ROW EXECUTE FUNCTION "touch"()`);
    expect(trigger.sort()).toEqual([
      "function touch: in the database but not in schema.prisma",
      "trigger touch_jobs on jobs: in the database but not in schema.prisma",
    ]);
  });

  it("sees a column added to the database only", async () => {
    expect(await driftAfter(`ALTER TABLE "jobs" ADD COLUMN "cost" INTEGER`)).toEqual([
      "jobs.cost: in the database but not in schema.prisma",
    ]);
  });

  it("sees a changed type, nullability and default", async () => {
    expect(await driftAfter(`ALTER TABLE "jobs" ALTER COLUMN "name" DROP NOT NULL`)).toEqual([
      `jobs.name: {"type":"text","nullable":true,"default":null} in the database, schema.prisma says {"type":"text","nullable":false,"default":null}`,
    ]);
    expect(await driftAfter(`ALTER TABLE "steps" ALTER COLUMN "number" TYPE BIGINT`)).toHaveLength(
      1,
    );
    expect(
      await driftAfter(`ALTER TABLE "artifacts" ALTER COLUMN "expired" SET DEFAULT true`),
    ).toHaveLength(1);
    // A generated column that became a plain one.
    const plain = await driftAfter(
      `ALTER TABLE "workflow_runs" ALTER COLUMN "sha_grouped" DROP EXPRESSION`,
    );
    expect(plain).toHaveLength(1);
    expect(plain[0]).toMatch(/^workflow_runs\.sha_grouped: .*GENERATED ALWAYS AS/);
  });

  it("sees dropped indexes, changed foreign keys, extra checks and tables", async () => {
    expect(await driftAfter(`DROP INDEX "workflow_runs_repo_id_head_sha_idx"`)).toEqual([
      "workflow_runs: index workflow_runs_repo_id_head_sha_idx is in schema.prisma but not in the database",
    ]);
    const fk = await driftAfter(
      `ALTER TABLE "steps" DROP CONSTRAINT "steps_job_id_fkey";
       ALTER TABLE "steps" ADD CONSTRAINT "steps_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    expect(fk).toHaveLength(1);
    expect(fk[0]).toMatch(/^steps: foreign key steps_job_id_fkey is .*RESTRICT/);
    expect(
      await driftAfter(`ALTER TABLE "jobs" ADD CONSTRAINT "positive" CHECK ("run_attempt" > 0)`),
    ).toEqual(["jobs: CHECK constraint positive is not in schema.prisma"]);
    expect(await driftAfter(`CREATE TABLE "stray" ("id" INTEGER)`)).toEqual([
      "table stray: in the database but not in schema.prisma",
    ]);
  });
});
