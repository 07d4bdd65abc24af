// Tells whether the production build in .next was made from the sources on disk, so
// `npm run demo` rebuilds after a `git pull` instead of serving a stale build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.ts",
  "package-lock.json",
  "tsconfig.json",
];
const SKIP = /(^|\/)(node_modules|\.next)(\/|$)|\.test\.tsx?$/;
const STAMP = path.join(".next", "pipewatch-source-hash");

function* files(root: string, entry: string): Generator<string> {
  const full = path.join(root, entry);
  if (!existsSync(full) || SKIP.test(entry)) return;
  if (statSync(full).isDirectory()) {
    for (const child of readdirSync(full).sort()) yield* files(root, path.join(entry, child));
  } else yield entry;
}

/** A hash of every source file that goes into the Next.js build. */
export function hashSources(root = process.cwd()): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of files(root, source)) {
      hash
        .update(file)
        .update("\0")
        .update(readFileSync(path.join(root, file)))
        .update("\0");
    }
  }
  return hash.digest("hex");
}

/** True when .next holds a build of exactly the current sources. */
export function isBuildCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, STAMP);
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(stamp)) return false;
  return readFileSync(stamp, "utf8").trim() === hashSources(root);
}

/** Records that .next was built from the sources whose hash was `hash`. */
export function stampBuild(hash: string, root = process.cwd()): void {
  writeFileSync(path.join(root, STAMP), `${hash}\n`);
}
