// The disk under the embedded database fills up (a small tmpfs, mounted for the test: it needs
// root, as CI has; elsewhere the test is skipped and says why). A write that meets the full
// disk fails with PostgreSQL's disk_full error in one line; opening the database on a full
// disk fails with a message for the person running Pipewatch, not a stack; once space is
// freed the database opens, everything committed before is there, and it takes writes again.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeError } from "@/lib/errors";
import { createDb } from "./client.ts";
import { DiskFullError, startEmbeddedDatabase } from "./embedded.ts";
import { migrate } from "./migrate.ts";

const mountPoint = mkdtempSync(path.join(tmpdir(), "pipewatch-disk-full-"));
const mount = (...options: string[]) =>
  execFileSync("mount", ["-t", "tmpfs", "-o", options.join(","), "tmpfs", mountPoint], {
    stdio: "pipe",
  });
let mounted = false;
let cannotMount = "";
try {
  // A fresh, migrated embedded database takes about 40 MB.
  mount("size=64m");
  mounted = true;
} catch (error: unknown) {
  cannotMount = describeError(error);
}

afterAll(() => {
  if (mounted) execFileSync("umount", [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const dataDir = path.join(mountPoint, "data");

describe.skipIf(!mounted)(
  `a full disk under the embedded database${cannotMount ? ` (skipped: cannot mount a tmpfs: ${cannotMount})` : ""}`,
  () => {
    it("fails writes in one clear line, corrupts nothing, and recovers once space is freed", async () => {
      let embedded = await startEmbeddedDatabase(dataDir);
      await migrate(embedded.url);
      let db = createDb(embedded.url, { max: 2 });
      await db.repository.create({
        data: {
          id: 1n,
          owner: "acme",
          name: "api",
          fullName: "acme/api",
          defaultBranch: "main",
          htmlUrl: "https://github.com/acme/api",
        },
      });
      await db.$executeRaw`CREATE TABLE filler (n int, x text)`;
      let committed = 0;
      let failure: unknown = null;
      for (let i = 0; i < 100 && failure === null; i++) {
        try {
          await db.$executeRaw`INSERT INTO filler SELECT ${i}, repeat(md5(g::text), 30) FROM generate_series(1, 5000) g`;
          committed += 5000;
        } catch (error: unknown) {
          failure = error;
        }
      }
      expect(committed).toBeGreaterThan(0);
      // PostgreSQL's disk_full (53100), as the worker and the API log it: one line.
      expect(String(failure)).toContain("53100");
      const line = describeError(failure);
      expect(line).toMatch(/No space left on device/);
      expect(line).not.toContain("\n");
      await db.$disconnect();
      await embedded.stop();

      // Opening it again while the disk is still full: a message, not a stack.
      writeFileSync(path.join(mountPoint, "ballast"), Buffer.alloc(0));
      try {
        execFileSync("dd", ["if=/dev/zero", `of=${path.join(mountPoint, "ballast")}`, "bs=1M"], {
          stdio: "ignore",
        });
      } catch {
        // dd stops, as intended, when the disk is full
      }
      const refused = await startEmbeddedDatabase(dataDir).then(
        (e) => e.stop().then(() => null),
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(DiskFullError);
      expect(String((refused as Error).message)).toMatch(
        /disk holding the embedded database .* is full/,
      );

      // Space freed: the database opens, with every committed row, and takes writes.
      rmSync(path.join(mountPoint, "ballast"));
      mount("remount", "size=256m");
      embedded = await startEmbeddedDatabase(dataDir);
      expect((await migrate(embedded.url)).applied).toEqual([]);
      db = createDb(embedded.url, { max: 2 });
      try {
        expect(await db.repository.findMany({ select: { fullName: true } })).toEqual([
          { fullName: "acme/api" },
        ]);
        const [row] = await db.$queryRaw<{ n: number; bad: number }[]>`
        SELECT count(*)::int AS n, count(*) FILTER (WHERE length(x) <> 960)::int AS bad FROM filler`;
        expect(row).toEqual({ n: committed, bad: 0 });
        await db.$executeRaw`INSERT INTO filler SELECT -1, repeat(md5(g::text), 30) FROM generate_series(1, 5000) g`;
        await db.repository.update({ where: { id: 1n }, data: { defaultBranch: "trunk" } });
        expect((await db.repository.findUniqueOrThrow({ where: { id: 1n } })).defaultBranch).toBe(
          "trunk",
        );
      } finally {
        await db.$disconnect();
        await embedded.stop();
      }
    }, 180_000);
  },
);
