// npm run bench:js [-- --dir .next]: the JavaScript each page sends to the browser on its first
// load, from the build's manifests (run `node bin/pipewatch.mjs build` first). Next 16 with
// Turbopack no longer prints first-load sizes itself. A page's first load is the runtime's root
// chunks (build-manifest.json's rootMainFiles) and the entry chunks of every segment of its tree
// (layout, page, error and not-found boundaries: its client reference manifest's entryJSFiles).
// Polyfills are left out: only browsers without ES modules load them. Chunks a page imports
// lazily (next/dynamic: its react-loadable-manifest.json) are counted apart: they load after the
// first paint, but they load.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

const { values } = parseArgs({ options: { dir: { type: "string", default: ".next" } } });
const dir = path.resolve(values.dir ?? ".next");

type ClientManifest = { entryJSFiles?: Record<string, string[]> };

/** Every app page's client reference manifest, by route (`/`, `/pipelines/[id]`). */
function pageManifests(): Map<string, ClientManifest> {
  const appDir = path.join(dir, "server", "app");
  const found = new Map<string, ClientManifest>();
  for (const file of readdirSync(appDir, { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith("page_client-reference-manifest.js")) continue;
    const route = `/${path.dirname(file)}`.replace(/\/\.$/, "").replace(/\\/g, "/") || "/";
    if (route.startsWith("/_")) continue; // Next's own error pages
    // The manifest is a script assigning globalThis.__RSC_MANIFEST[route]: run it in a sandbox.
    const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
    sandbox.globalThis = sandbox;
    runInNewContext(readFileSync(path.join(appDir, file), "utf8"), sandbox);
    const [manifest] = Object.values(sandbox.__RSC_MANIFEST ?? {});
    if (manifest) found.set(route, manifest);
  }
  return found;
}

const sizes = new Map<string, { raw: number; gzip: number; recharts: boolean }>();
/** A chunk's size as stored and gzipped (as a server compresses it), and whether it is recharts. */
function sizeOf(file: string) {
  let size = sizes.get(file);
  if (!size) {
    const bytes = readFileSync(path.join(dir, file.replace(/^\/_next\//, "")));
    // recharts names its SVG root this class: a chunk holding it holds the charting library.
    const recharts = bytes.includes("recharts-surface");
    size = { raw: bytes.length, gzip: gzipSync(bytes).length, recharts };
    sizes.set(file, size);
  }
  return size;
}

/** The chunks a route loads through next/dynamic. */
function lazyFiles(route: string): string[] {
  const file = path.join(dir, "server", "app", route, "page", "react-loadable-manifest.json");
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as Record<string, { files: string[] }>;
    return Object.values(manifest).flatMap((entry) => entry.files);
  } catch (error: unknown) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return [];
    throw error;
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const buildManifest = JSON.parse(readFileSync(path.join(dir, "build-manifest.json"), "utf8")) as {
  rootMainFiles: string[];
};
const routes = [...pageManifests()].sort(([a], [b]) => a.localeCompare(b));
const rows = routes.map(([route, manifest]) => {
  const files = new Set([
    ...buildManifest.rootMainFiles,
    ...Object.values(manifest.entryJSFiles ?? {}).flat(),
  ]);
  const chunks = [...files].map(sizeOf);
  const lazy = [...new Set(lazyFiles(route))].filter((f) => !files.has(f)).map(sizeOf);
  return {
    route,
    files: files.size,
    raw: chunks.reduce((sum, c) => sum + c.raw, 0),
    gzip: chunks.reduce((sum, c) => sum + c.gzip, 0),
    lazyGzip: lazy.reduce((sum, c) => sum + c.gzip, 0),
    recharts: [...chunks, ...lazy].some((c) => c.recharts),
    rechartsLazy: !chunks.some((c) => c.recharts),
  };
});
const sharedSize = buildManifest.rootMainFiles.map(sizeOf).reduce((sum, c) => sum + c.gzip, 0);

const header = ["route", "chunks", "first-load JS", "gzipped", "lazy (gzipped)", "recharts"];
const table = rows.map((r) => [
  r.route,
  String(r.files),
  kb(r.raw),
  kb(r.gzip),
  kb(r.lazyGzip),
  r.recharts ? (r.rechartsLazy ? "lazy" : "first load") : "no",
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
console.log(line(header));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const row of table) console.log(line(row));
console.log(`\nof which the runtime's root chunks, on every page: ${kb(sharedSize)} gzipped.`);
