import { describe, expect, it } from "vitest";
import { setUpTestDatabase } from "@/lib/db/test-hooks";
import { loadValidators, storeValidators } from "./conditional.ts";
import { etagKey } from "./etags.ts";
import { UsageRecorder } from "./usage.ts";

const database = setUpTestDatabase();

describe("UsageRecorder", () => {
  it("adds exchanges to hourly counters per endpoint and status, across flushes", async () => {
    const { db } = database;
    const recorder = new UsageRecorder();
    const at = Date.UTC(2026, 10, 26, 10, 15);
    const exchange = (endpoint: string, status: number) => ({
      endpoint,
      status,
      durationMs: 10,
      rateLimitRemaining: null,
      rateLimitResetAt: null,
    });
    recorder.record(exchange("GET /repos/{owner}/{repo}/actions/runs", 200), at);
    recorder.record(exchange("GET /repos/{owner}/{repo}/actions/runs", 200), at + 60_000);
    recorder.record(exchange("GET /repos/{owner}/{repo}/actions/runs", 304), at);
    expect(await recorder.flush(db)).toBe(3);
    recorder.record(exchange("GET /repos/{owner}/{repo}/actions/runs", 200), at + 3600_000);
    recorder.record(exchange("GET /repos/{owner}/{repo}/actions/runs", 200), at + 120_000);
    expect(await recorder.flush(db)).toBe(2);
    expect(await recorder.flush(db)).toBe(0);
    const rows = await db.apiUsage.findMany({ orderBy: [{ hour: "asc" }, { status: "asc" }] });
    expect(
      rows.map((r) => [r.hour.toISOString(), r.status, r.count, Number(r.totalDurationMs)]),
    ).toEqual([
      ["2026-11-26T10:00:00.000Z", 200, 3, 30],
      ["2026-11-26T10:00:00.000Z", 304, 1, 10],
      ["2026-11-26T11:00:00.000Z", 200, 1, 10],
    ]);
  });
});

describe("ETag validators", () => {
  it("key a URL by its sorted query and are replaced on save", async () => {
    const { db } = database;
    expect(
      etagKey(
        "https://api.github.com/repos/a/b/actions/runs?per_page=100&created=%3E%3D2026-11-01",
      ),
    ).toBe(
      etagKey(
        "https://api.github.com/repos/a/b/actions/runs?created=%3E%3D2026-11-01&per_page=100",
      ),
    );
    const url = "https://api.github.com/repos/a/b/actions/workflows";
    expect((await loadValidators(db, [url])).get(url)).toBeUndefined();
    await storeValidators(db, [{ url, validator: { etag: 'W/"1"', lastModified: null } }]);
    await storeValidators(db, [
      { url, validator: { etag: 'W/"2"', lastModified: "Thu, 26 Nov 2026 10:00:00 GMT" } },
    ]);
    expect((await loadValidators(db, [url])).get(url)).toEqual({
      etag: 'W/"2"',
      lastModified: "Thu, 26 Nov 2026 10:00:00 GMT",
    });
  });
});
