// The log lines that caching prints in a job log: actions/cache and the setup-* actions, plus
// the @actions/cache library lines around them. Texts are the ones in the actions' sources
// (shared/reference/github-actions-api.md §4); only numbers, paths and ids are made up.
import { Random, seedOf } from "./random.ts";

export type CacheTool = "actions/cache" | "setup-node" | "setup-python" | "setup-java" | "setup-go";

export type CacheUse = {
  tool: CacheTool;
  /** The action's major version, e.g. "v4", "v3", "v5". */
  version: string;
  /** npm | yarn | pnpm | pip | poetry | maven | gradle | sbt (setup-* actions). */
  packageManager?: string;
  /** The primary key. */
  key: string;
  restoreKeys: string[];
  outcome: "exact" | "partial" | "miss";
  /** For "partial": the key actually restored (default: the first restore key plus a hash). */
  matchedKey?: string;
  sizeBytes: number;
  /** What the post step printed. */
  save: "saved" | "hit-not-saved" | "reserve-failed" | "none";
  /**
   * The cache service: "v2" on github.com since 2025, "v1" on GHES and in old toolkit releases.
   * Default: v1 for actions/cache@v3, v2 otherwise.
   */
  service?: "v1" | "v2";
  /** The `path` input of actions/cache (for the `with:` block). */
  path?: string;
  /** The ref the cache is scoped to, named in the v1 service's reservation error. */
  ref?: string;
};

/** Where a job runs, as the cache lines need it. */
export type CacheHost = {
  /** The job's workspace, e.g. /home/runner/work/app/app. */
  workspace: string;
  /** The runner's temp directory, e.g. /home/runner/work/_temp. */
  temp: string;
  windows: boolean;
};

const MIB = 1024 * 1024;

/** The cache service the library talks to for this use. */
export function cacheServiceOf(cache: CacheUse): "v1" | "v2" {
  if (cache.service) return cache.service;
  return cache.tool === "actions/cache" && cache.version === "v3" ? "v1" : "v2";
}

/** The key a hit restored: the primary key on an exact hit, none on a miss. */
export function matchedKeyOf(cache: CacheUse): string | undefined {
  if (cache.outcome === "miss") return undefined;
  if (cache.outcome === "exact") return cache.key;
  if (cache.matchedKey) return cache.matchedKey;
  const prefix = cache.restoreKeys[0] ?? `${cache.key}-`;
  return `${prefix}${hashOf(cache.key)}`;
}

/** A stable 64-hex-digit stand-in for a lockfile hash or cache version, derived from `text`. */
function hashOf(text: string): string {
  return new Random(seedOf("hash", text)).hex(64);
}

/** The package manager named in "<pm> cache is not found", per action. */
function packageManagerOf(cache: CacheUse): string {
  if (cache.packageManager) return cache.packageManager;
  if (cache.tool === "setup-python") return "pip";
  if (cache.tool === "setup-java") return "maven";
  return "npm";
}

export function uuidOf(random: Random): string {
  const hex = random.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** `Cache Size: ~189 MB (197923188 B)`, as both services print it. */
function sizeLine(bytes: number): string {
  return `Cache Size: ~${Math.round(bytes / MIB)} MB (${bytes} B)`;
}

/**
 * Transfer progress as the library prints it, about once a second: `Received … of …` for
 * downloads, `Sent … of …` for uploads; the last line is always at 100%.
 */
function progressLines(verb: "Received" | "Sent", bytes: number, random: Random): string[] {
  const mbPerSecond = random.around(verb === "Received" ? 90 : 45, 0.5);
  const seconds = bytes / MIB / mbPerSecond;
  const lines: string[] = [];
  const chunk = 4 * MIB; // the Azure SDK moves 4 MiB blocks
  for (let second = 1; second < Math.min(seconds, 30); second++) {
    const done = Math.floor((bytes * second) / seconds / chunk) * chunk;
    if (done <= 0 || done >= bytes) continue;
    const speed = (done / MIB / second).toFixed(1);
    lines.push(
      `${verb} ${done} of ${bytes} (${((100 * done) / bytes).toFixed(1)}%), ${speed} MBs/sec`,
    );
  }
  const total = Math.max(seconds, 0.05);
  lines.push(`${verb} ${bytes} of ${bytes} (100.0%), ${(bytes / MIB / total).toFixed(1)} MBs/sec`);
  return lines;
}

function tarExtractLine(host: CacheHost, random: Random): string {
  const archive = `${host.temp}/${uuidOf(random)}/cache.tzst`;
  if (host.windows) {
    return `[command]"C:\\Program Files\\Git\\usr\\bin\\tar.exe" -xf ${archive} -P -C ${host.workspace} --force-local --use-compress-program "zstd -d"`;
  }
  return `[command]/usr/bin/tar -xf ${archive} -P -C ${host.workspace} --use-compress-program unzstd`;
}

function tarCreateLine(host: CacheHost): string {
  if (host.windows) {
    return `[command]"C:\\Program Files\\Git\\usr\\bin\\tar.exe" --posix -cf cache.tzst --exclude cache.tzst -P -C ${host.workspace} --files-from manifest.txt --force-local --use-compress-program "zstd -T0"`;
  }
  return `[command]/usr/bin/tar --posix -cf cache.tzst --exclude cache.tzst -P -C ${host.workspace} --files-from manifest.txt --use-compress-program zstdmt`;
}

/** What `@actions/cache`'s restoreCache prints for a hit on `matched`. */
function libraryRestoreLines(
  cache: CacheUse,
  matched: string,
  host: CacheHost,
  random: Random,
): string[] {
  const lines: string[] = [];
  // Only the v2 service names the hit; since toolkit 4.0.5 it tells a restore-key hit apart.
  if (cacheServiceOf(cache) === "v2") {
    lines.push(
      matched === cache.key ? `Cache hit for: ${matched}` : `Cache hit for restore-key: ${matched}`,
    );
  }
  lines.push(...progressLines("Received", cache.sizeBytes, random));
  lines.push(sizeLine(cache.sizeBytes));
  lines.push(tarExtractLine(host, random));
  lines.push("Cache restored successfully");
  return lines;
}

/** The lines the restoring step prints (actions/cache's main step, or a setup-* step's cache part). */
export function cacheRestoreLines(cache: CacheUse, host: CacheHost, random: Random): string[] {
  const matched = matchedKeyOf(cache);
  if (matched === undefined) {
    // A miss is silent in the library (debug only); the action prints one line.
    if (cache.tool === "actions/cache") {
      return [`Cache not found for input keys: ${[cache.key, ...cache.restoreKeys].join(", ")}`];
    }
    if (cache.tool === "setup-go") return ["Cache is not found"];
    return [`${packageManagerOf(cache)} cache is not found`];
  }
  return [
    ...libraryRestoreLines(cache, matched, host, random),
    `Cache restored from key: ${matched}`,
  ];
}

/** The lines the post step prints after "Post job cleanup.". */
export function cacheSaveLines(cache: CacheUse, host: CacheHost, random: Random): string[] {
  const savedWith =
    cache.tool === "actions/cache" ? "Cache saved with key:" : "Cache saved with the key:";
  const v1 = cacheServiceOf(cache) === "v1";
  switch (cache.save) {
    case "none":
      return [];
    case "hit-not-saved":
      return [`Cache hit occurred on the primary key ${cache.key}, not saving cache.`];
    case "reserve-failed": {
      const reason = `Unable to reserve cache with key ${cache.key}, another job may be creating this cache.`;
      // The v1 service adds its own message; this is the one it gives for an existing entry.
      const details = v1
        ? ` More details: Cache already exists. Scope: ${cache.ref ?? "refs/heads/main"}, Key: ${cache.key}, Version: ${hashOf(cache.key + cache.tool)}`
        : "";
      return [tarCreateLine(host), `Failed to save: ${reason}${details}`];
    }
    case "saved": {
      const upload = v1
        ? [sizeLine(cache.sizeBytes), "Cache saved successfully"]
        : progressLines("Sent", cache.sizeBytes, random);
      return [tarCreateLine(host), ...upload, `${savedWith} ${cache.key}`];
    }
  }
}

/** The `with:` inputs the runner shows for a caching step that declared none. */
export function defaultCacheInputs(cache: CacheUse): Record<string, string> {
  const pm = packageManagerOf(cache);
  switch (cache.tool) {
    case "actions/cache": {
      const inputs: Record<string, string> = { path: cache.path ?? "~/.cache", key: cache.key };
      if (cache.restoreKeys.length > 0) inputs["restore-keys"] = cache.restoreKeys.join("\n");
      return inputs;
    }
    case "setup-node":
      return { "node-version": "20", cache: pm };
    case "setup-python":
      return { "python-version": "3.12", cache: pm };
    case "setup-java":
      return { distribution: "temurin", "java-version": "21", cache: pm };
    case "setup-go":
      return { "go-version": "1.24", cache: "true" };
  }
}
