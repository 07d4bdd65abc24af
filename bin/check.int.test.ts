// `pipewatch check` as a CI job or a cron meets it: a real process on a real database, its exit
// code (1 exactly when a critical flag is open, 2 for bad usage), its lines and its summary.
import { spawn } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import type { ListedFlag } from "@/lib/metrics/flag-list";
import { seedFlag, seedRepo, seedWorkflow } from "@/lib/metrics/testing";

const database = setUpTestDatabase();
const ids = { calm: 0, burning: 0, critical: 0 };
const name = (id: number) => `acme/r${id}`;

beforeAll(async () => {
  ids.calm = await seedRepo(database.db);
  ids.burning = await seedRepo(database.db);
}, 60_000);

function check(
  args: string[],
  databaseUrl = database.url,
): Promise<{ code: number | null; stdout: string; stderr: string[] }> {
  const child = spawn(process.execPath, ["bin/pipewatch.mjs", "check", ...args], {
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      DATABASE_URL: databaseUrl,
    },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) =>
    child.on("exit", (code) => resolve({ code, stdout, stderr: stderr.trimEnd().split("\n") })),
  );
}

describe("pipewatch check", () => {
  it("exits 3, not 1, when the database cannot be read", async () => {
    // Port 1 on loopback: nothing listens there.
    const result = await check([], "postgresql://postgres@127.0.0.1:1/none");
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr.join("\n")).toMatch(/^pipewatch: cannot read the flags: /);
  });

  it("exits 0 without open flags, and says so on stderr alone", async () => {
    const result = await check([]);
    expect(result).toEqual({
      code: 0,
      stdout: "",
      stderr: ["pipewatch check: no open flags"],
    });
  });

  it("exits 0 with warnings only, one line per flag", async () => {
    const ci = await seedWorkflow(database.db, ids.calm, "CI");
    await seedFlag(database.db, ids.calm, {
      kind: "slow",
      severity: "warning",
      workflowId: ci,
      since: new Date("2026-11-20T10:00:00.000Z"),
      message: 'Slow: "CI" takes 12m 00s\nat the median',
    });
    const result = await check([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `WARNING  ${name(ids.calm)} · CI · slow · since 2026-11-20T10:00:00Z · Slow: "CI" takes 12m 00s at the median\n`,
    );
    expect(result.stderr).toEqual(["pipewatch check: 1 open flag: 0 critical, 1 warning"]);
  });

  it("exits 1 when a critical flag is open, listing it first; --repo narrows", async () => {
    const { db } = database;
    ids.critical = await seedFlag(db, ids.burning, { kind: "stale_data", severity: "critical" });
    const all = await check([]);
    expect(all.code).toBe(1);
    const lines = all.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(`^CRITICAL ${name(ids.burning)} · \\(repository\\) · stale_data · since `),
    );
    expect(lines[1]).toMatch(/^WARNING /);
    expect(all.stderr).toEqual(["pipewatch check: 2 open flags: 1 critical, 1 warning"]);
    const calm = await check(["--repo", name(ids.calm)]);
    expect(calm.code).toBe(0);
    expect(calm.stdout.trimEnd().split("\n")).toHaveLength(1);
  });

  it("with --json prints the body of GET /api/v1/flags, with the same exit code", async () => {
    const result = await check(["--json"]);
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout) as { flags: ListedFlag[] };
    expect(body.flags.map((f) => [f.severity, f.repo])).toEqual([
      ["critical", name(ids.burning)],
      ["warning", name(ids.calm)],
    ]);
  });

  it("exits 0 again once the critical flag is resolved", async () => {
    await database.db.flag.update({
      where: { id: BigInt(ids.critical) },
      data: { resolvedAt: new Date(), openKey: null },
    });
    expect((await check([])).code).toBe(0);
  });

  it.each([
    [["--frobnicate"], /^pipewatch check: Unknown option '--frobnicate'/],
    [["now"], /^pipewatch check: Unexpected argument 'now'/],
    [["--repo", "nonsense"], /^pipewatch: --repo must be owner\/name, got "nonsense"$/],
    [["--repo", "acme/unknown"], /^pipewatch: no tracked repository acme\/unknown$/],
  ])("exits 2 for bad usage: %o", async (args, message) => {
    const result = await check(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr[0]).toMatch(message);
  });
});
