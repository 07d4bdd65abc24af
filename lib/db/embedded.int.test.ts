import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLockedError } from "./data-dir-lock.ts";
import { startEmbeddedDatabase } from "./embedded.ts";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0] ?? {})[0];
  } finally {
    await client.end();
  }
}

describe("startEmbeddedDatabase", () => {
  it("keeps its data across a restart and refuses a second owner meanwhile", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "pipewatch-embedded-"));
    dirs.push(dataDir);
    const first = await startEmbeddedDatabase(dataDir);
    await scalar(first.url, "CREATE TABLE kept (v text)");
    await scalar(first.url, "INSERT INTO kept VALUES ('hello')");
    await expect(startEmbeddedDatabase(dataDir)).rejects.toBeInstanceOf(DataDirLockedError);
    await first.stop();

    const second = await startEmbeddedDatabase(dataDir);
    try {
      expect(await scalar(second.url, "SELECT v FROM kept")).toBe("hello");
      const stolen = new URL(second.url);
      stolen.password = "guess";
      await expect(scalar(stolen.toString(), "SELECT 1")).rejects.toThrow(
        /password authentication failed/,
      );
      stolen.password = new URL(first.url).password; // the previous start's password no longer works
      await expect(scalar(stolen.toString(), "SELECT 1")).rejects.toThrow(
        /password authentication failed/,
      );
    } finally {
      await second.stop();
    }
  });
});
