// Processes racing for one data directory: never two holders at once, even when all of them
// find the same stale lock.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const CONTENDER = `
const { acquireDataDirLock } = await import("./lib/db/data-dir-lock.ts");
// All contenders start together, whatever their start-up time.
while (Date.now() < Number(process.argv[2])) {}
try {
  const lock = acquireDataDirLock(process.argv[1]);
  const start = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const end = Date.now();
  lock.release();
  console.log(JSON.stringify({ start, end }));
} catch (error) {
  console.log(JSON.stringify({ refused: error.message }));
}`;

function contend(
  dir: string,
  startAt: number,
): Promise<{ start?: number; end?: number; refused?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "./bin/register.mjs",
        "--input-type=module",
        "-e",
        CONTENDER,
        dir,
        String(startAt),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("exit", () => {
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1) ?? ""));
      } catch (error: unknown) {
        reject(error);
      }
    });
  });
}

describe("acquireDataDirLock across processes", () => {
  it("gives a stale lock to at most one of several processes at a time", async () => {
    for (let trial = 0; trial < 4; trial++) {
      const dir = mkdtempSync(path.join(tmpdir(), "pipewatch-race-"));
      writeFileSync(path.join(dir, "pipewatch.lock"), "2147483646\n"); // a pid that is not running
      const startAt = Date.now() + 4000;
      const results = await Promise.all(Array.from({ length: 6 }, () => contend(dir, startAt)));
      const held = results.filter((r) => r.start !== undefined);
      expect(held.length).toBeGreaterThanOrEqual(1);
      for (const r of results.filter((r) => r.refused)) {
        expect(r.refused).toMatch(/Another Pipewatch \(pid \d+\) is already using/);
      }
      const spans = held
        .map((r) => [r.start ?? 0, r.end ?? 0] as const)
        .sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) {
        expect(spans[i]?.[0]).toBeGreaterThanOrEqual(spans[i - 1]?.[1] ?? 0);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
