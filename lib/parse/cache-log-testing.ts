// Helpers for the cache-log tests: job logs built from the real strings of
// shared/reference/github-actions-api.md §4 (actions/cache, @actions/cache, setup-*), with
// made-up keys, sizes and paths, timestamped the way the runner writes them.
import type { CacheEvent } from "./cache-log.ts";

const T0 = Date.parse("2025-04-07T12:57:33.000Z");
/** Marks a continuation line (a later line of a multi-line write: no timestamp). */
export const CONT = "\u0000";

/** A job log: each message timestamped as the runner does (7 digits), 1 ms apart. */
export function logOf(messages: string[], { eol = "\n", bom = true } = {}): string {
  const lines = messages.map((message, i) =>
    message.startsWith(CONT)
      ? message.slice(1)
      : `${new Date(T0 + i).toISOString().replace(/Z$/, "0000Z")} ${message}`,
  );
  return (bom ? "\uFEFF" : "") + lines.join(eol) + eol;
}

/** The ISO time of message `i` of `logOf`. */
export const at = (i: number) => new Date(T0 + i).toISOString();

/** An actions/cache step's header: the group title and the `with:` block the runner prints. */
export function cacheStep(key: string, uses = "actions/cache@v4", restoreKeys?: string): string[] {
  return [
    `##[group]Run ${uses}`,
    "with:",
    "  path: ~/.npm",
    `  key: ${key}`,
    ...(restoreKeys ? [`  restore-keys: ${restoreKeys}`] : []),
    "  enableCrossOsArchive: false",
    "  fail-on-cache-miss: false",
    "  lookup-only: false",
    "##[endgroup]",
  ];
}

/** A setup-* step's header with its inputs. */
export function setupStep(action: string, inputs: Record<string, string>): string[] {
  const lines = Object.entries(inputs).map(([name, value]) => `  ${name}: ${value}`);
  return [`##[group]Run ${action}`, "with:", ...lines, "##[endgroup]"];
}

/** An actions/cache primary key, an older key its restore key matches, and that restore key. */
export const K = "Linux-npm-8f0c6c2e1d7b4a39a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718";
export const OLD = "Linux-npm-0000aaaabbbbccccddddeeeeffff00001111222233334444555566667777";
export const RESTORE_KEY = "Linux-npm-";

/** The events of one kind. */
export function only(events: CacheEvent[], kind: CacheEvent["kind"]): CacheEvent[] {
  return events.filter((event) => event.kind === kind);
}

/** Primary keys in each setup-* action's format (§4.3). */
export const NODE_KEY =
  "node-cache-Linux-x64-npm-2f4b6c1e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c";
export const PY_KEY = "setup-python-Linux-x64-24.04-Ubuntu-python-3.11.15-pip-cc177e0a4b1e2f3a";
export const PY_OLD = "setup-python-Linux-x64-24.04-Ubuntu-python-3.11.15-pip-0123456789abcdef";
export const JAVA_KEY = "setup-java-Linux-x64-maven-4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e";
export const GO_KEY = "setup-go-Linux-x64-ubuntu24-go-1.27.1-faad8ae2c1d0e9f8";
