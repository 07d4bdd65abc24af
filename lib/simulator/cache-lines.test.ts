// The cache lines of every tool × outcome × save variant, checked against the texts in
// shared/reference/github-actions-api.md §4 (copied here by hand, not from the implementation).
import { describe, expect, it } from "vitest";
import type { CacheUse } from "./cache-lines.ts";
import { type LogJob, type LogStep, renderJobLog } from "./job-log.ts";
import { linesByStep } from "./job-log-testing.ts";

const T0 = Date.parse("2026-05-07T19:34:10Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const SIZE = 197923188; // ~189 MB
const HASH = "ee8505c1a0b6d9f3e2";
const OLD_HASH = "77aa01b2c3d4e5f6a7";

type Variant = {
  title: string;
  uses: string;
  cache: Pick<CacheUse, "tool" | "version" | "packageManager" | "key" | "restoreKeys">;
  /** The cache service: "v1" prints no "Cache hit for" lines. */
  service: "v1" | "v2";
  /** §4.1 / §4.3: the action's own miss line. */
  miss: string;
  /** §4.1: actions/cache says "saved with key", §4.3: setup-* say "saved with the key". */
  saved: string;
};

const VARIANTS: Variant[] = [
  {
    title: "actions/cache@v4 (v2 service)",
    uses: "actions/cache@v4",
    cache: {
      tool: "actions/cache",
      version: "v4",
      key: `Linux-npm-${HASH}`,
      restoreKeys: ["Linux-npm-", "Linux-"],
    },
    service: "v2",
    miss: `Cache not found for input keys: Linux-npm-${HASH}, Linux-npm-, Linux-`,
    saved: `Cache saved with key: Linux-npm-${HASH}`,
  },
  {
    title: "actions/cache@v3 (v1 service)",
    uses: "actions/cache@v3",
    cache: { tool: "actions/cache", version: "v3", key: `deps-${HASH}`, restoreKeys: ["deps-"] },
    service: "v1",
    miss: `Cache not found for input keys: deps-${HASH}, deps-`,
    saved: `Cache saved with key: deps-${HASH}`,
  },
  ...["npm", "yarn", "pnpm"].map(
    (pm): Variant => ({
      title: `actions/setup-node@v4 with ${pm}`,
      uses: "actions/setup-node@v4",
      cache: {
        tool: "setup-node",
        version: "v4",
        packageManager: pm,
        key: `node-cache-Linux-x64-${pm}-${HASH}`,
        restoreKeys: [],
      },
      service: "v2",
      miss: `${pm} cache is not found`,
      saved: `Cache saved with the key: node-cache-Linux-x64-${pm}-${HASH}`,
    }),
  ),
  {
    title: "actions/setup-python@v5 with pip (restore key = primary minus the hash)",
    uses: "actions/setup-python@v5",
    cache: {
      tool: "setup-python",
      version: "v5",
      packageManager: "pip",
      key: `setup-python-Linux-x64-24.04-Ubuntu-python-3.12.11-pip-${HASH}`,
      restoreKeys: ["setup-python-Linux-x64-24.04-Ubuntu-python-3.12.11-pip"],
    },
    service: "v2",
    miss: "pip cache is not found",
    saved: `Cache saved with the key: setup-python-Linux-x64-24.04-Ubuntu-python-3.12.11-pip-${HASH}`,
  },
  {
    title: "actions/setup-python@v5 with poetry",
    uses: "actions/setup-python@v5",
    cache: {
      tool: "setup-python",
      version: "v5",
      packageManager: "poetry",
      key: `setup-python-Linux-x64-python-3.12.11-poetry-v2-${HASH}`,
      restoreKeys: [],
    },
    service: "v2",
    miss: "poetry cache is not found",
    saved: `Cache saved with the key: setup-python-Linux-x64-python-3.12.11-poetry-v2-${HASH}`,
  },
  ...["maven", "gradle"].map(
    (pm): Variant => ({
      title: `actions/setup-java@v4 with ${pm}`,
      uses: "actions/setup-java@v4",
      cache: {
        tool: "setup-java",
        version: "v4",
        packageManager: pm,
        key: `setup-java-Linux-x64-${pm}-${HASH}`,
        restoreKeys: [],
      },
      service: "v2",
      miss: `${pm} cache is not found`,
      saved: `Cache saved with the key: setup-java-Linux-x64-${pm}-${HASH}`,
    }),
  ),
  {
    title: "actions/setup-go@v5",
    uses: "actions/setup-go@v5",
    cache: {
      tool: "setup-go",
      version: "v5",
      key: `setup-go-Linux-x64-ubuntu24-go-1.24.7-${HASH}`,
      restoreKeys: [],
    },
    service: "v2",
    miss: "Cache is not found",
    saved: `Cache saved with the key: setup-go-Linux-x64-ubuntu24-go-1.24.7-${HASH}`,
  },
];

const OUTCOMES = ["exact", "partial", "miss"] as const;
const SAVES = ["saved", "hit-not-saved", "reserve-failed", "none"] as const;

function jobFor(variant: Variant, cache: CacheUse): LogJob {
  const step = (number: number, name: string, from: number, to: number, extra = {}): LogStep => ({
    number,
    name,
    startedAt: at(from),
    completedAt: at(to),
    conclusion: "success",
    ...extra,
  });
  return {
    name: "build",
    runnerName: "GitHub Actions 1000007875",
    labels: ["ubuntu-24.04"],
    repository: "acme/api",
    steps: [
      step(1, "Set up job", 0, 2),
      step(2, "Restore dependencies", 2, 9, { uses: variant.uses, cache }),
      step(3, "Build", 9, 40, { run: "make build" }),
      step(6, "Post Restore dependencies", 40, 48, { post: true }),
      step(7, "Complete job", 48, 48),
    ],
  };
}

/** Whether `expected` occur in `messages` in this order (other lines may come between). */
function inOrder(messages: string[], expected: (string | RegExp)[]): boolean {
  let next = 0;
  for (const message of messages) {
    const want = expected[next];
    if (want === undefined) break;
    if (typeof want === "string" ? message === want : want.test(message)) next++;
  }
  return next === expected.length;
}

const RECEIVED = new RegExp(`^Received ${SIZE} of ${SIZE} \\(100\\.0%\\), \\d+\\.\\d MBs/sec$`);
const SENT = new RegExp(`^Sent ${SIZE} of ${SIZE} \\(100\\.0%\\), \\d+\\.\\d MBs/sec$`);
const TAR_EXTRACT =
  /^\[command\]\/usr\/bin\/tar -xf \/home\/runner\/work\/_temp\/[0-9a-f-]{36}\/cache\.tzst -P -C \/home\/runner\/work\/api\/api --use-compress-program unzstd$/;
const TAR_CREATE =
  "[command]/usr/bin/tar --posix -cf cache.tzst --exclude cache.tzst -P -C /home/runner/work/api/api --files-from manifest.txt --use-compress-program zstdmt";

for (const variant of VARIANTS) {
  describe(`cache lines of ${variant.title}`, () => {
    const { key } = variant.cache;
    const matched = `${variant.cache.restoreKeys[0] ?? key}-${OLD_HASH}`;
    for (const outcome of OUTCOMES) {
      for (const save of SAVES) {
        it(`${outcome} restore, post step ${save}`, () => {
          const cache: CacheUse = {
            ...variant.cache,
            outcome,
            matchedKey: outcome === "partial" ? matched : undefined,
            sizeBytes: SIZE,
            save,
          };
          const job = jobFor(variant, cache);
          const steps = linesByStep(renderJobLog(job), job);
          const restore = (steps.get(2) ?? []).map(([, message]) => message);
          const post = (steps.get(6) ?? []).map(([, message]) => message);

          if (outcome === "miss") {
            expect(restore).toContain(variant.miss);
            expect(restore.filter((m) => /^Cache (hit|restored|Size)/.test(m))).toEqual([]);
          } else {
            const restored = outcome === "exact" ? key : matched;
            const hitLine =
              outcome === "exact"
                ? `Cache hit for: ${restored}`
                : `Cache hit for restore-key: ${restored}`;
            const library = [
              RECEIVED,
              "Cache Size: ~189 MB (197923188 B)",
              TAR_EXTRACT,
              "Cache restored successfully",
              `Cache restored from key: ${restored}`,
            ];
            expect(
              inOrder(restore, variant.service === "v2" ? [hitLine, ...library] : library),
            ).toBe(true);
            if (variant.service === "v1") expect(restore.join("\n")).not.toContain("Cache hit for");
            expect(restore).not.toContain(variant.miss);
          }

          expect(post[0]).toBe("Post job cleanup.");
          const failed = `Failed to save: Unable to reserve cache with key ${key}, another job may be creating this cache.`;
          const hitNotSaved = `Cache hit occurred on the primary key ${key}, not saving cache.`;
          if (save === "none") expect(post).toEqual(["Post job cleanup."]);
          if (save === "hit-not-saved") expect(post).toEqual(["Post job cleanup.", hitNotSaved]);
          if (save === "saved") {
            const upload =
              variant.service === "v2"
                ? [SENT]
                : ["Cache Size: ~189 MB (197923188 B)", "Cache saved successfully"];
            expect(inOrder(post, [TAR_CREATE, ...upload, variant.saved])).toBe(true);
            expect(post.at(-1)).toBe(variant.saved);
          }
          if (save === "reserve-failed") {
            expect(post.slice(0, 2)).toEqual(["Post job cleanup.", TAR_CREATE]);
            // §4.2: the v1 service appends " More details: …" to the same message.
            if (variant.service === "v2") expect(post.slice(2)).toEqual([failed]);
            else expect(post[2]?.startsWith(`${failed} More details: `)).toBe(true);
            expect(post).toHaveLength(3);
          }
        });
      }
    }
  });
}

describe("cache line details", () => {
  const base: CacheUse = {
    tool: "actions/cache",
    version: "v3",
    key: `deps-${HASH}`,
    restoreKeys: ["deps-"],
    outcome: "partial",
    sizeBytes: 3 * 1024 ** 3,
    save: "none",
  };
  const restoreOf = (cache: CacheUse) => {
    const job = jobFor(VARIANTS[1] as Variant, cache);
    return (linesByStep(renderJobLog(job), job).get(2) ?? []).map(([, message]) => message);
  };

  it("lets actions/cache@v3 run on the v2 service, which names the hit", () => {
    const restore = restoreOf({ ...base, service: "v2", matchedKey: `deps-${OLD_HASH}` });
    expect(restore).toContain(`Cache hit for restore-key: deps-${OLD_HASH}`);
  });

  it("restores a restore-key match when a partial hit names no key", () => {
    const restore = restoreOf(base);
    const restored = restore.find((m) => m.startsWith("Cache restored from key: "));
    expect(restored).toMatch(/^Cache restored from key: deps-[0-9a-f]{64}$/);
  });

  it("prints download progress about once a second, ending at 100%", () => {
    const received = restoreOf(base).filter((m) => m.startsWith("Received "));
    expect(received.length).toBeGreaterThan(3);
    const percents = received.map((m) => Number(/\(([\d.]+)%\)/.exec(m)?.[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(received.at(-1)).toMatch(/^Received 3221225472 of 3221225472 \(100\.0%\), /);
  });
});
