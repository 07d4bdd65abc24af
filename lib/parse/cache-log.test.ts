// Real lines of shared/reference/github-actions-api.md §4, with made-up keys and sizes.
// actions/cache (restore, save, restore/save sub-actions) across its releases.
import { describe, expect, it } from "vitest";
import { parseCacheEvents } from "./cache-log.ts";
import { at, cacheStep, K, logOf, OLD, only, RESTORE_KEY } from "./cache-log-testing.ts";

describe("parseCacheEvents: actions/cache", () => {
  it("exact hit on the v2 service, then the post step skips saving", () => {
    const messages = [
      "Current runner version: '2.323.0'",
      ...cacheStep(K),
      `Cache hit for: ${K}`,
      "Received 197923188 of 197923188 (100.0%), 50.6 MBs/sec",
      "Cache Size: ~189 MB (197923188 B)",
      "[command]/usr/bin/tar -xf /home/runner/work/_temp/1b2c/cache.tzst -P -C /home/runner/work/app/app --use-compress-program unzstd",
      "Cache restored successfully",
      `Cache restored from key: ${K}`,
      "##[group]Run npm ci",
      "npm ci",
      "##[endgroup]",
      "Post job cleanup.",
      `Cache hit occurred on the primary key ${K}, not saving cache.`,
    ];
    expect(parseCacheEvents(logOf(messages))).toEqual([
      {
        seq: 0,
        kind: "restore",
        outcome: "exact",
        source: "actions/cache",
        stepName: "Run actions/cache@v4",
        key: K,
        restoredKey: K,
        sizeBytes: 197923188,
        at: at(messages.indexOf(`Cache restored from key: ${K}`)),
      },
      {
        seq: 1,
        kind: "save",
        outcome: "not_saved",
        source: "actions/cache",
        stepName: "Post Run actions/cache@v4",
        key: K,
        restoredKey: null,
        sizeBytes: null,
        at: at(messages.length - 1),
      },
    ]);
  });

  it("restore-key hit on the v2 service (`Cache hit for restore-key:`), then saves", () => {
    const messages = [
      ...cacheStep(K, "actions/cache@v4", RESTORE_KEY),
      `Cache hit for restore-key: ${OLD}`,
      "Cache Size: ~40 MB (41943040 B)",
      "Cache restored successfully",
      `Cache restored from key: ${OLD}`,
      "Post job cleanup.",
      "Sent 41943040 of 41943040 (100.0%), 35.9 MBs/sec",
      `Cache saved with key: ${K}`,
    ];
    expect(parseCacheEvents(logOf(messages))).toMatchObject([
      { kind: "restore", outcome: "partial", key: K, restoredKey: OLD, sizeBytes: 41943040 },
      { kind: "save", outcome: "saved", key: K, stepName: "Post Run actions/cache@v4" },
    ]);
  });

  it("v4.2.0–v4.2.3 print `Cache hit for: <primary>` on a restore-key hit: still partial", () => {
    const hit = [`Cache hit for: ${K}`, `Cache restored from key: ${OLD}`];
    // With the `with:` block (normal case) and without it (a log cut before the step).
    expect(
      parseCacheEvents(logOf([...cacheStep(K, "actions/cache@v4.2.0"), ...hit])),
    ).toMatchObject([{ outcome: "partial", key: K, restoredKey: OLD }]);
    expect(parseCacheEvents(logOf(hit))).toMatchObject([
      { outcome: "partial", key: K, restoredKey: OLD, source: "unknown" },
    ]);
  });

  it("v1 service (v3.3.3, GHES): no library hit lines; decided against the `with:` key", () => {
    const v1 = (restored: string) => [
      ...cacheStep(K, "actions/cache@v3"),
      "Cache Size: ~3 MB (3413482 B)",
      "Cache restored successfully",
      `Cache restored from key: ${restored}`,
    ];
    expect(parseCacheEvents(logOf(v1(K)))).toMatchObject([
      { outcome: "exact", sizeBytes: 3413482 },
    ]);
    expect(parseCacheEvents(logOf(v1(OLD)))).toMatchObject([{ outcome: "partial", key: K }]);
  });

  it("compares keys case-insensitively, and a prefix match of the primary key is partial", () => {
    const restored = (key: string, restoredKey: string) =>
      parseCacheEvents(logOf([...cacheStep(key), `Cache restored from key: ${restoredKey}`]))[0]
        ?.outcome;
    expect(restored("Linux-Tools-ABC", "linux-tools-abc")).toBe("exact");
    // actions/cache#1094: key …-0.14.0 restored …-0.14.0-preview.4 with cache-hit=false.
    expect(restored("Linux-sdk-0.14.0", "Linux-sdk-0.14.0-preview.4")).toBe("partial");
  });

  it("misses: the action's line, the 4.0.0 library warning before it, fail-on-cache-miss", () => {
    const miss = `Cache not found for input keys: ${K}, ${RESTORE_KEY}`;
    expect(parseCacheEvents(logOf([...cacheStep(K), miss]))).toMatchObject([
      { kind: "restore", outcome: "miss", key: K, restoredKey: null, source: "actions/cache" },
    ]);
    // v3.4.0 / v4.2.0: a warning annotation and then the action's own line: one miss.
    const warned = [
      ...cacheStep(K),
      `##[warning]Cache not found for keys: ${K}, ${RESTORE_KEY}`,
      miss,
    ];
    expect(parseCacheEvents(logOf(warned))).toHaveLength(1);
    // Without the `with:` block the primary key is the first key listed.
    expect(parseCacheEvents(logOf([miss]))).toMatchObject([{ outcome: "miss", key: K }]);
    const failed = `##[error]Failed to restore cache entry. Exiting as fail-on-cache-miss is set. Input key: ${K}`;
    expect(parseCacheEvents(logOf([...cacheStep(K), failed]))).toMatchObject([
      { outcome: "miss", key: K },
    ]);
  });

  it("lookup-only: `Cache found and can be restored from key:` is a restore without download", () => {
    const messages = [
      ...cacheStep(K),
      `Cache hit for restore-key: ${OLD}`,
      "Lookup only - skipping download",
      `Cache found and can be restored from key: ${OLD}`,
    ];
    expect(parseCacheEvents(logOf(messages))).toMatchObject([
      { outcome: "partial", restoredKey: OLD, sizeBytes: null },
    ]);
  });

  it("saves and failed saves (v1 and v2 wording)", () => {
    const post = (...lines: string[]) =>
      parseCacheEvents(
        logOf([
          ...cacheStep(K),
          `Cache not found for input keys: ${K}`,
          "Post job cleanup.",
          ...lines,
        ]),
      );
    expect(
      only(
        post(
          "Cache Size: ~142 MB (148701348 B)",
          "Cache saved successfully",
          `Cache saved with key: ${K}`,
        ),
        "save",
      ),
    ).toMatchObject([{ outcome: "saved", key: K, sizeBytes: 148701348, source: "actions/cache" }]);
    const reserve = `Failed to save: Unable to reserve cache with key ${K}, another job may be creating this cache.`;
    expect(only(post(reserve), "save")).toMatchObject([{ outcome: "not_saved", key: K }]);
    expect(only(post(`${reserve} More details: Cache already exists.`), "save")).toMatchObject([
      { outcome: "not_saved", key: K, stepName: "Post Run actions/cache@v4" },
    ]);
    const finalize = `Unable to finalize cache with key ${K}, another job may be finalizing this cache.`;
    expect(only(post(`##[warning]Failed to save: ${finalize}`), "save")).toMatchObject([
      { outcome: "not_saved", key: K },
    ]);
    // Two lines for one failure (the library's warning, then the action's): one event.
    expect(
      only(
        post("##[warning]Cache reservation failed: quota", "##[warning]Cache save failed."),
        "save",
      ),
    ).toMatchObject([{ outcome: "not_saved", key: K, source: "actions/cache" }]);
  });

  it("restore and save as separate actions (actions/cache/restore + actions/cache/save)", () => {
    const messages = [
      ...cacheStep(K, "actions/cache/restore@v4"),
      `Cache not found for input keys: ${K}`,
      ...cacheStep(K, "actions/cache/save@v4"),
      `Cache saved with key: ${K}`,
    ];
    expect(parseCacheEvents(logOf(messages))).toMatchObject([
      { kind: "restore", outcome: "miss", stepName: "Run actions/cache/restore@v4" },
      {
        kind: "save",
        outcome: "saved",
        stepName: "Run actions/cache/save@v4",
        source: "actions/cache",
      },
    ]);
  });
});
