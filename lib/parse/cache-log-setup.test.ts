// Real lines of shared/reference/github-actions-api.md §4, with made-up keys and sizes.
// The setup-* actions' built-in caching.
import { describe, expect, it } from "vitest";
import { parseCacheEvents } from "./cache-log.ts";
import {
  GO_KEY,
  JAVA_KEY,
  logOf,
  NODE_KEY,
  PY_KEY,
  PY_OLD,
  setupStep,
} from "./cache-log-testing.ts";

describe("parseCacheEvents: setup-* actions", () => {
  const node = setupStep("actions/setup-node@v4", { "node-version": "20", cache: "npm" });

  it("setup-node: miss, then saved with `the key`", () => {
    const messages = [
      ...node,
      "npm cache is not found",
      "Post job cleanup.",
      `Cache saved with the key: ${NODE_KEY}`,
    ];
    expect(parseCacheEvents(logOf(messages))).toMatchObject([
      {
        kind: "restore",
        outcome: "miss",
        source: "setup-node",
        key: NODE_KEY,
        stepName: "Run actions/setup-node@v4",
      },
      {
        kind: "save",
        outcome: "saved",
        source: "setup-node",
        stepName: "Post Run actions/setup-node@v4",
      },
    ]);
  });

  it("setup-node bundling @actions/cache 4.0.0: its miss warning and the action's line are one miss", () => {
    const messages = [
      ...node,
      `##[warning]Cache not found for keys: ${NODE_KEY}`,
      "npm cache is not found",
    ];
    expect(parseCacheEvents(logOf(messages))).toMatchObject([
      { kind: "restore", outcome: "miss", source: "setup-node", key: NODE_KEY },
    ]);
  });

  it("setup-node: exact hit (v2 library line; and v1 with no library line)", () => {
    const notSaved = `Cache hit occurred on the primary key ${NODE_KEY}, not saving cache.`;
    const v2 = [
      ...node,
      `Cache hit for: ${NODE_KEY}`,
      `Cache restored from key: ${NODE_KEY}`,
      "Post job cleanup.",
      notSaved,
    ];
    const v1 = [...node, `Cache restored from key: ${NODE_KEY}`, "Post job cleanup.", notSaved];
    for (const messages of [v2, v1]) {
      expect(parseCacheEvents(logOf(messages))).toMatchObject([
        { outcome: "exact", key: NODE_KEY, restoredKey: NODE_KEY, source: "setup-node" },
        { outcome: "not_saved", key: NODE_KEY, source: "setup-node" },
      ]);
    }
  });

  it("setup-node with Yarn Berry: a restore-key hit is partial", () => {
    const yarnOld = "node-cache-Linux-x64-yarn-aaaa";
    const yarnNew = "node-cache-Linux-x64-yarn-bbbb";
    const messages = [
      ...setupStep("actions/setup-node@v4", { cache: "yarn" }),
      "All dependencies are managed locally by yarn3, the previous cache can be used",
      `Cache hit for restore-key: ${yarnOld}`,
      `Cache restored from key: ${yarnOld}`,
      "Post job cleanup.",
      `Cache saved with the key: ${yarnNew}`,
    ];
    expect(parseCacheEvents(logOf(messages))).toMatchObject([
      { outcome: "partial", key: yarnNew, restoredKey: yarnOld },
      { outcome: "saved", key: yarnNew },
    ]);
  });

  it("setup-python pip: partial hit from its restore key, known only from the post step's save", () => {
    const python = setupStep("actions/setup-python@v5", { "python-version": "3.11", cache: "pip" });
    const messages = [
      ...python,
      `Cache restored from key: ${PY_OLD}`,
      "Post job cleanup.",
      `Cache saved with the key: ${PY_KEY}`,
    ];
    expect(parseCacheEvents(logOf(messages))).toMatchObject([
      { outcome: "partial", source: "setup-python", key: PY_KEY, restoredKey: PY_OLD },
      { outcome: "saved", source: "setup-python", stepName: "Post Run actions/setup-python@v5" },
    ]);
    expect(parseCacheEvents(logOf([...python, "pip cache is not found"]))).toMatchObject([
      { outcome: "miss", source: "setup-python", key: null },
    ]);
  });

  it("setup-java: maven/gradle misses and a hit", () => {
    const java = setupStep("actions/setup-java@v4", {
      distribution: "temurin",
      "java-version": "21",
      cache: "maven",
    });
    expect(parseCacheEvents(logOf([...java, "maven cache is not found"]))).toMatchObject([
      { outcome: "miss", source: "setup-java" },
    ]);
    // A step that is not titled setup-java still gets the source from the package manager.
    expect(parseCacheEvents(logOf(["gradle cache is not found"]))).toMatchObject([
      { outcome: "miss", source: "setup-java" },
    ]);
    const hit = [
      ...java,
      `Cache restored from key: ${JAVA_KEY}`,
      "Post job cleanup.",
      `Cache hit occurred on the primary key ${JAVA_KEY}, not saving cache.`,
    ];
    expect(parseCacheEvents(logOf(hit))).toMatchObject([
      { outcome: "exact", source: "setup-java" },
      { outcome: "not_saved", stepName: "Post Run actions/setup-java@v4" },
    ]);
  });

  it("setup-go: `Cache is not found`, a hit, saves; warnings are not events", () => {
    const go = setupStep("actions/setup-go@v5", { "go-version": "1.27" });
    const miss = [
      ...go,
      "Cache is not found",
      "Post job cleanup.",
      `Cache saved with the key: ${GO_KEY}`,
    ];
    expect(parseCacheEvents(logOf(miss, { eol: "\r\n" }))).toMatchObject([
      { outcome: "miss", source: "setup-go", key: GO_KEY },
      { outcome: "saved", source: "setup-go", stepName: "Post Run actions/setup-go@v5" },
    ]);
    const hit = [
      ...go,
      `Cache restored from key: ${GO_KEY}`,
      "Post job cleanup.",
      "##[warning]There are no cache folders on the disk",
    ];
    expect(parseCacheEvents(logOf(hit))).toMatchObject([{ outcome: "exact", source: "setup-go" }]);
  });

  it("trusts the loose `… cache is not found` lines only in setup-* steps or untitled logs", () => {
    const script = [
      "##[group]Run ./check.sh",
      "./check.sh",
      "##[endgroup]",
      "Cache is not found",
      "foo cache is not found",
    ];
    expect(parseCacheEvents(logOf(script))).toEqual([]);
    expect(parseCacheEvents(logOf(["Cache is not found"]))).toMatchObject([{ source: "setup-go" }]);
  });
});
