// Cache events from a job's log: which caches were restored (exactly or from a restore key),
// missed, saved or not saved, by actions/cache and the setup-* actions' built-in caching.
// Written from the strings in the actions' sources (shared/reference/github-actions-api.md
// §1.5 and §4), not from any generator of ours.
import {
  type CacheLine,
  type CacheSource,
  classifyCacheLine,
  sourceOfKey,
  sourceOfStepTitle,
} from "./cache-log-lines.ts";
import { resolveCacheEvents } from "./cache-log-resolve.ts";
import { forEachLogLine } from "./job-log-lines.ts";

export type { CacheSource } from "./cache-log-lines.ts";

/** One restore or save of a cache, as the job's log tells it. */
export type CacheEvent = {
  /** 0-based order in the log. */
  seq: number;
  kind: "restore" | "save";
  /**
   * restore: `exact` (restored with the primary key), `partial` (from a restore key), `miss`;
   * save: `saved`, `not_saved` (the primary key was hit, another job was saving it, or it failed).
   */
  outcome: "exact" | "partial" | "miss" | "saved" | "not_saved";
  source: CacheSource;
  /**
   * The step the lines belong to, named as the runner names it when the workflow does not:
   * `Run actions/cache@v4` (its `##[group]` title) and, for post steps, which the log does not
   * title, `Post Run actions/cache@v4` when the restore it saves for is found; else null.
   */
  stepName: string | null;
  /** The primary key, when the log tells it (the `with:` block, a miss or a save line). */
  key: string | null;
  /** The key actually restored (exact and partial restores). */
  restoredKey: string | null;
  /** The archive's size, from `Cache Size: ~N MB (B B)`. */
  sizeBytes: number | null;
  /** When the deciding line was written (ISO 8601, milliseconds); null in a log without times. */
  at: string | null;
};

/** An event while the log is read, with what the final pass needs to decide it. */
export type DraftEvent = CacheEvent & {
  /** Whether `key` is the `key:` input in the step's `with:` block. */
  keyFromInput: boolean;
  /** The library's `Cache hit for` line before a restore (v2 cache service). */
  hitFor: { key: string; restoreKey: boolean } | null;
  /** Printed by a post step (`Post job cleanup.`), which the log does not title. */
  post: boolean;
};

type Step = {
  title: string | null;
  source: CacheSource | null;
  post: boolean;
  /** Inside the step's opening group, where the runner prints the `with:` inputs. */
  header: boolean;
  inWith: boolean;
  primaryKey: string | null;
  hitFor: { key: string; restoreKey: boolean; at: string | null } | null;
  missKeys: { keys: string[]; at: string | null } | null;
  sizeBytes: number | null;
  notSaved: DraftEvent | null;
};

function stepOf(title: string | null, post: boolean): Step {
  const source = title === null ? null : (sourceOfStepTitle(title) ?? "unknown");
  return {
    title,
    source,
    post,
    header: title !== null,
    inWith: false,
    primaryKey: null,
    hitFor: null,
    missKeys: null,
    sizeBytes: null,
    notSaved: null,
  };
}

/** Reads the log once, keeping per-step state; see `parseCacheEvents`. */
class Reader {
  readonly events: DraftEvent[] = [];
  private step: Step = stepOf(null, false);

  private add(
    kind: DraftEvent["kind"],
    outcome: DraftEvent["outcome"],
    hint: CacheSource,
    at: string | null,
  ): DraftEvent {
    const { step } = this;
    const source = step.source && step.source !== "unknown" ? step.source : hint;
    const event: DraftEvent = {
      seq: this.events.length,
      kind,
      outcome,
      source,
      stepName: step.title,
      key: step.primaryKey,
      restoredKey: null,
      sizeBytes: step.sizeBytes,
      at,
      keyFromInput: step.primaryKey !== null,
      hitFor: null,
      post: step.post,
    };
    step.sizeBytes = null;
    step.notSaved = null;
    this.events.push(event);
    return event;
  }

  /** A step ended: a library line with no action line after it still tells what happened. */
  private flush(): void {
    const { step } = this;
    if (step.hitFor) {
      const { key, restoreKey, at } = step.hitFor;
      const event = this.add("restore", "exact", sourceOfKey(key), at);
      event.restoredKey = key;
      event.hitFor = { key, restoreKey };
    } else if (step.missKeys) {
      const [primary = null] = step.missKeys.keys;
      const event = this.add(
        "restore",
        "miss",
        primary ? sourceOfKey(primary) : "unknown",
        step.missKeys.at,
      );
      event.key ??= primary;
    }
    step.hitFor = null;
    step.missKeys = null;
  }

  private begin(title: string | null, post: boolean): void {
    this.flush();
    this.step = stepOf(title, post);
  }

  read(message: string, at: string | null): void {
    if (message.startsWith("##[group]Run ")) {
      this.begin(message.slice(9).trim(), false);
      return;
    }
    if (message === "Post job cleanup." || message === "Cleaning up orphan processes") {
      this.begin(null, message === "Post job cleanup.");
      return;
    }
    const { step } = this;
    if (message === "##[endgroup]" || message === "env:") {
      if (message === "##[endgroup]") step.header = false;
      step.inWith = false;
      return;
    }
    if (message === "with:" && step.header) {
      step.inWith = true;
      return;
    }
    if (step.inWith) {
      // `  key: value` as the runner prints inputs; the first `key` is the primary key.
      if (message.startsWith("  key: ") && step.primaryKey === null) {
        step.primaryKey = message.slice(7).trim() || null;
      }
      return;
    }
    const line = classifyCacheLine(message);
    if (line) this.apply(line, at);
  }

  private apply(line: CacheLine, at: string | null): void {
    const { step } = this;
    switch (line.type) {
      case "hit-for":
        step.hitFor = { key: line.key, restoreKey: line.restoreKey, at };
        return;
      case "miss-keys":
        step.missKeys = { keys: line.keys, at };
        return;
      case "size":
        step.sizeBytes = line.bytes;
        return;
      case "restore-failed":
        step.hitFor = null;
        step.sizeBytes = null;
        return;
      case "restored": {
        const hitFor = step.hitFor;
        step.hitFor = null;
        step.missKeys = null;
        const event = this.add("restore", "exact", line.hint, at);
        event.restoredKey = line.key;
        event.hitFor = hitFor && { key: hitFor.key, restoreKey: hitFor.restoreKey };
        return;
      }
      case "miss": {
        // "Cache is not found" and "<name> cache is not found" are common words: trust them
        // only in a setup-* step, or where the log has no step titles at all.
        const setup = step.source?.startsWith("setup-") === true;
        if (line.loose && !setup && (step.title !== null || step.post)) return;
        const keys = line.keys.length > 0 ? line.keys : (step.missKeys?.keys ?? []);
        step.hitFor = null;
        step.missKeys = null;
        const event = this.add("restore", "miss", line.hint, at);
        event.key ??= keys[0] ?? null;
        return;
      }
      case "saved": {
        const event = this.add("save", "saved", line.hint, at);
        event.key = line.key;
        return;
      }
      case "not-saved": {
        // One failure can print two lines (the library's, then the action's): one event.
        const open = step.notSaved;
        if (open && (line.key === null || open.key === null || open.key === line.key)) {
          open.key ??= line.key;
          return;
        }
        const event = this.add("save", "not_saved", line.hint, at);
        event.key = line.key ?? event.key;
        step.notSaved = event;
        return;
      }
    }
  }

  finish(): DraftEvent[] {
    this.flush();
    return this.events;
  }
}

/**
 * The cache events in a job's whole log text, in log order. Handles a BOM, `\r\n`, lines
 * without timestamps, several caches and steps per log, and the differences between versions
 * of actions/cache, @actions/cache and setup-node/python/java/go listed in the reference.
 *
 * Exact vs partial: a restored key equal to the primary key (case-insensitively, as
 * actions/cache compares) is exact. The primary key comes first from the step's `with: key:`
 * input, then from the library's `Cache hit for:` line (which @actions/cache 4.0.0–4.0.3
 * prints with the primary key even on a restore-key hit), then from the matching post-step
 * save line; `Cache hit for restore-key:` means partial. With none of them (setup-* on the v1
 * service with no post step), a restore counts as exact, as most setup-* actions have no
 * restore keys. Never throws; lines longer than 64 KiB are cut.
 */
export function parseCacheEvents(log: string): CacheEvent[] {
  if (typeof log !== "string") return [];
  const reader = new Reader();
  forEachLogLine(log, (line) => reader.read(line.message, line.at));
  return resolveCacheEvents(reader.finish());
}

const CACHE_WORD = /cach(?:e|ing)/i;
const SETUP_ACTION = /\bactions\/setup-(?:node|python|java|go)\b/i;
const SETUP_NAME = /\bset ?-?up[ -](?:node(?:\.?js)?|python|java|jdk|go(?:lang)?)\b/i;

/**
 * Whether a job likely has cache steps, from its step names as the jobs API lists them, to
 * decide whether its log is worth downloading. True when a name mentions a cache ("Run
 * actions/cache@v4", "Post Run actions/cache/save@v4", "Cache Gradle", "Restore caching"),
 * names a setup-node/python/java/go action ("Run actions/setup-node@v4"), or is one of their
 * usual titles ("Set up Node.js", "Setup Python", "Post Set up JDK 21", "Set up Go").
 *
 * Limits: a `uses:` step is named `Run <action>` only when the workflow gives it no name, so a
 * cache or setup step named anything else ("Install toolchain") is missed; and a setup-* step
 * caches only when its `cache` input is set (setup-go and recent setup-node cache by default),
 * so a setup step without caching costs one needless download.
 */
export function hasCacheStep(steps: readonly { name: string }[]): boolean {
  return steps.some(
    ({ name }) => CACHE_WORD.test(name) || SETUP_ACTION.test(name) || SETUP_NAME.test(name),
  );
}
