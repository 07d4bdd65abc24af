// Recognises the log lines that caching prints, as written in the sources of actions/cache,
// the @actions/cache library and the setup-* actions (shared/reference/github-actions-api.md
// §4). Each function looks at one message (the text after the timestamp) and nothing else.

/** Which action printed a cache line. */
export type CacheSource =
  | "actions/cache"
  | "setup-node"
  | "setup-python"
  | "setup-java"
  | "setup-go"
  | "unknown";

/** What one message says about caching; null for every other message. */
export type CacheLine =
  /** Library (v2 service): `Cache hit for: K` / `Cache hit for restore-key: K`. */
  | { type: "hit-for"; key: string; restoreKey: boolean }
  /** Library miss: `##[warning]Cache not found for keys: K, R1` (@actions/cache 4.0.0). */
  | { type: "miss-keys"; keys: string[] }
  /** Library: `Cache Size: ~189 MB (197923188 B)`. */
  | { type: "size"; bytes: number }
  /** Library: `Failed to restore: <msg>`; the action goes on to report a miss. */
  | { type: "restore-failed" }
  /** Action: a cache was restored (or, with lookup-only, found) from `key`. */
  | { type: "restored"; key: string; hint: CacheSource }
  /** Action: nothing matched; `keys` are the keys it tried (primary first), when it names them. */
  | { type: "miss"; keys: string[]; hint: CacheSource; loose: boolean }
  | { type: "saved"; key: string; hint: CacheSource }
  | { type: "not-saved"; key: string | null; hint: CacheSource };

const PACKAGE_MANAGERS: Record<string, CacheSource> = {
  npm: "setup-node",
  yarn: "setup-node",
  pnpm: "setup-node",
  pip: "setup-python",
  pipenv: "setup-python",
  poetry: "setup-python",
  maven: "setup-java",
  gradle: "setup-java",
  sbt: "setup-java",
};

const KEY_PREFIXES: [string, CacheSource][] = [
  ["node-cache-", "setup-node"],
  ["setup-python-", "setup-python"],
  ["setup-java-", "setup-java"],
  ["setup-go-", "setup-go"],
];

/** The setup-* action whose primary-key format `key` follows (§4.3), or "unknown". */
export function sourceOfKey(key: string): CacheSource {
  for (const [prefix, source] of KEY_PREFIXES) if (key.startsWith(prefix)) return source;
  return "unknown";
}

/**
 * The action a step runs, from its group title: `Run actions/cache@v4`, `Run
 * actions/cache/restore@v4`, `Run actions/setup-node@v4`. Matched on the repository name, so
 * forks and GHES mirrors (`Run my-org/cache@v4`) count too; null for any other step.
 */
export function sourceOfStepTitle(title: string): CacheSource | null {
  const match = /^Run [^\s/@]+\/([^\s/@]+)(?:\/[^\s@]*)?@\S*$/.exec(title);
  switch (match?.[1]?.toLowerCase()) {
    case "cache":
      return "actions/cache";
    case "setup-node":
      return "setup-node";
    case "setup-python":
      return "setup-python";
    case "setup-java":
      return "setup-java";
    case "setup-go":
      return "setup-go";
    default:
      return null;
  }
}

/** `a, b, c` (how actions/cache joins its keys) → [a, b, c]. */
function splitKeys(list: string): string[] {
  return list
    .split(", ")
    .map((key) => key.trim())
    .filter((key) => key !== "");
}

const CACHE_SIZE = /^Cache Size: ~\d+(?:\.\d+)? MB \((\d+) B\)$/;
const RESTORED = /^(?:(\S+) cache|Cache) restored from key: (.+)$/;
const NOT_FOUND = /^(\S+) cache is not found$/;
const SAVED = /^(?:(\S+) cache|Cache) saved with (the )?key: (.+)$/;
const PRIMARY_HIT = /^Cache hit occurred on the primary key (.+), not saving cache\.$/;
const BUSY = /Unable to (?:reserve|finalize) cache with key (.+?), another job may be/;
const FAIL_ON_MISS =
  /^Failed to restore cache entry\. Exiting as fail-on-cache-miss is set\. Input key: (.*)$/;

function restoreLine(body: string): CacheLine | null {
  if (body.startsWith("Cache hit for restore-key: ")) {
    return { type: "hit-for", key: body.slice(27).trim(), restoreKey: true };
  }
  if (body.startsWith("Cache hit for: ")) {
    return { type: "hit-for", key: body.slice(15).trim(), restoreKey: false };
  }
  if (body.startsWith("Cache not found for keys: ")) {
    return { type: "miss-keys", keys: splitKeys(body.slice(26)) };
  }
  if (body.startsWith("Cache not found for input keys: ")) {
    return { type: "miss", keys: splitKeys(body.slice(32)), hint: "actions/cache", loose: false };
  }
  if (body.startsWith("Cache found and can be restored from key: ")) {
    return { type: "restored", key: body.slice(42).trim(), hint: "actions/cache" };
  }
  if (body === "Cache is not found") {
    return { type: "miss", keys: [], hint: "setup-go", loose: true };
  }
  const size = CACHE_SIZE.exec(body);
  if (size) return { type: "size", bytes: Number(size[1]) };
  const restored = RESTORED.exec(body);
  if (restored) {
    const key = (restored[2] ?? "").trim();
    const named = restored[1] ? (PACKAGE_MANAGERS[restored[1]] ?? "unknown") : "unknown";
    return { type: "restored", key, hint: named === "unknown" ? sourceOfKey(key) : named };
  }
  const notFound = NOT_FOUND.exec(body);
  if (notFound) {
    const hint = PACKAGE_MANAGERS[notFound[1] ?? ""];
    return { type: "miss", keys: [], hint: hint ?? "unknown", loose: hint === undefined };
  }
  const failOnMiss = FAIL_ON_MISS.exec(body);
  if (failOnMiss) {
    const keys = failOnMiss[1] ? [failOnMiss[1].trim()] : [];
    return { type: "miss", keys, hint: "actions/cache", loose: false };
  }
  return null;
}

function saveLine(body: string): CacheLine | null {
  const saved = SAVED.exec(body);
  if (saved) {
    const key = (saved[3] ?? "").trim();
    // actions/cache says "with key:", the setup-* actions "with the key:" (§4.3).
    return { type: "saved", key, hint: saved[2] ? sourceOfKey(key) : "actions/cache" };
  }
  const primaryHit = PRIMARY_HIT.exec(body);
  if (primaryHit) {
    const key = (primaryHit[1] ?? "").trim();
    return { type: "not-saved", key, hint: sourceOfKey(key) };
  }
  const busy = BUSY.exec(body);
  if (busy && (body.startsWith("Unable to") || body.startsWith("Failed to save: "))) {
    const key = (busy[1] ?? "").trim();
    return { type: "not-saved", key, hint: sourceOfKey(key) };
  }
  if (
    body.startsWith("Failed to save: ") ||
    body.startsWith("Cache reservation failed: ") ||
    body === "Cache save failed."
  ) {
    return { type: "not-saved", key: null, hint: "unknown" };
  }
  return null;
}

/**
 * What `message` says about caching. `##[warning]`, `##[error]` and `[warning]` prefixes are
 * looked through (the library warns, the actions' own helper prints `[warning]`); `##[debug]`
 * lines are ignored, since they appear only when step debugging is on.
 */
export function classifyCacheLine(message: string): CacheLine | null {
  let body = message;
  if (body.startsWith("##[")) {
    if (body.startsWith("##[warning]")) body = body.slice(11);
    else if (body.startsWith("##[error]")) body = body.slice(9);
    else return null;
  } else if (body.startsWith("[warning]")) {
    body = body.slice(9);
  }
  if (body.startsWith("Failed to restore: ")) return { type: "restore-failed" };
  // Every line below mentions a cache; most log lines do not, and are skipped cheaply here.
  if (!body.includes("ache")) return null;
  return restoreLine(body) ?? saveLine(body);
}
