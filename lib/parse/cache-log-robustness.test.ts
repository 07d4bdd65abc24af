// Whole job logs (several caches, post steps, odd encodings, garbage, size) and hasCacheStep.
import { describe, expect, it } from "vitest";
import { hasCacheStep, parseCacheEvents } from "./cache-log.ts";
import {
  CONT,
  cacheStep,
  K,
  logOf,
  NODE_KEY,
  OLD,
  RESTORE_KEY,
  setupStep,
} from "./cache-log-testing.ts";

describe("parseCacheEvents: whole logs", () => {
  it("several caches, post steps in reverse order, BOM, CRLF and continuation lines", () => {
    const messages = [
      ...setupStep("actions/setup-node@v4", { "node-version": "20", cache: "npm" }),
      `Cache restored from key: ${NODE_KEY}`,
      ...cacheStep(K, "actions/cache@v4", `${RESTORE_KEY}`),
      `${CONT}Linux-`,
      "Cache Size: ~12 MB (12582912 B)",
      `Cache restored from key: ${OLD}`,
      ...cacheStep("Linux-playwright-1", "actions/cache@v3"),
      "Cache not found for input keys: Linux-playwright-1",
      "##[group]Run npm test",
      "npm test",
      `${CONT}  --coverage`,
      "##[endgroup]",
      "Post job cleanup.",
      "Cache saved with key: Linux-playwright-1",
      "Post job cleanup.",
      `Cache saved with key: ${K}`,
      "Post job cleanup.",
      `Cache hit occurred on the primary key ${NODE_KEY}, not saving cache.`,
      "Cleaning up orphan processes",
    ];
    const events = parseCacheEvents(logOf(messages, { eol: "\r\n" }));
    expect(events.map((event) => [event.seq, event.kind, event.outcome, event.stepName])).toEqual([
      [0, "restore", "exact", "Run actions/setup-node@v4"],
      [1, "restore", "partial", "Run actions/cache@v4"],
      [2, "restore", "miss", "Run actions/cache@v3"],
      [3, "save", "saved", "Post Run actions/cache@v3"],
      [4, "save", "saved", "Post Run actions/cache@v4"],
      [5, "save", "not_saved", "Post Run actions/setup-node@v4"],
    ]);
    expect(events[1]).toMatchObject({ key: K, restoredKey: OLD, sizeBytes: 12582912 });
  });

  it("takes the primary key from the step's header only, not from output that looks like it", () => {
    const messages = [...cacheStep(K), "with:", `  key: ${OLD}`, `Cache restored from key: ${K}`];
    expect(parseCacheEvents(logOf(messages))).toMatchObject([{ outcome: "exact", key: K }]);
  });

  it("reads logs without timestamps (at is null)", () => {
    const log = [...cacheStep(K), `Cache restored from key: ${K}`].join("\n");
    expect(parseCacheEvents(log)).toMatchObject([{ outcome: "exact", at: null, key: K }]);
  });

  it("never throws on garbage, odd line endings, huge lines or non-strings", () => {
    const garbage = [
      "",
      "\uFEFF",
      "\r\n\r\n\n",
      "\u0000\u0001\uFFFD\uD800 Cache restored from key:",
      "Cache restored from key: ",
      "Cache Size: ~ MB ( B)",
      "##[group]Run \n with:\n  key: \n##[endgroup]",
      "2025-13-45T99:99:99.9999999Z Cache hit for: x",
      `Cache restored from key: ${"k".repeat(1_000_000)}`,
      "Post job cleanup.\rCache saved with key: a\rCache saved with key: b",
    ];
    for (const text of garbage) expect(() => parseCacheEvents(text)).not.toThrow();
    const huge = parseCacheEvents(`Cache restored from key: ${"k".repeat(1_000_000)}`);
    expect(huge[0]?.restoredKey?.length).toBeLessThan(64 * 1024);
    expect(parseCacheEvents(undefined as unknown as string)).toEqual([]);
  });

  it("reads a 10 MB log in one linear pass", () => {
    const noise = Array.from(
      { length: 120_000 },
      (_, i) => `npm http fetch GET 200 https://registry.npmjs.org/pkg-${i} 12ms (cache hit)`,
    );
    const messages = [
      ...cacheStep(K),
      `Cache restored from key: ${K}`,
      ...noise,
      "Post job cleanup.",
      `Cache hit occurred on the primary key ${K}, not saving cache.`,
    ];
    const log = logOf(messages);
    expect(log.length).toBeGreaterThan(10_000_000);
    expect(parseCacheEvents(log).map((event) => event.outcome)).toEqual(["exact", "not_saved"]);
    // Many cache lines do not make it quadratic either (saves are tied to restores by key).
    const many = Array.from({ length: 50_000 }, (_, i) => [
      `Cache not found for input keys: k${i}`,
      "Post job cleanup.",
      `Cache saved with key: k${i}`,
    ]).flat();
    expect(parseCacheEvents(logOf(many))).toHaveLength(100_000);
  });
});

describe("hasCacheStep", () => {
  const steps = (...names: string[]) => names.map((name) => ({ name }));

  it("sees cache steps and setup-* steps by their usual names", () => {
    for (const name of [
      "Run actions/cache@v4",
      "Post Run actions/cache@v4",
      "Run actions/cache/restore@v4",
      "Cache Gradle",
      "Set up Node.js",
      "Setup Python",
      "Post Set up JDK 21",
      "Set up Go",
      "Run actions/setup-go@v5",
    ]) {
      expect(hasCacheStep(steps("Set up job", name, "Complete job")), name).toBe(true);
    }
  });

  it("says no for jobs without such steps (and cannot see renamed ones)", () => {
    expect(
      hasCacheStep(steps("Set up job", "Run actions/checkout@v4", "Run npm test", "Complete job")),
    ).toBe(false);
    expect(hasCacheStep(steps("Install toolchain", "Build"))).toBe(false);
    expect(hasCacheStep([])).toBe(false);
  });
});
