// Zip archives as GitHub serves them for artifact downloads: standard deflate entries.
import { strToU8, type ZipOptions, zipSync } from "fflate";

export type ZipEntry = {
  /** Path inside the archive, `/`-separated (e.g. `reports/junit.xml`). */
  name: string;
  /** Text is stored as UTF-8. */
  content: string | Uint8Array;
  /** Modification time; DOS time has no zone, so the local fields of this Date are stored. */
  mtime?: Date;
};

/** Fixed default time (built from local fields) so the same files always give the same bytes. */
const DEFAULT_MTIME = new Date(2020, 0, 1, 0, 0, 0);

/** The deflate level upload-artifact uses by default (its `compression-level` input). */
const LEVEL = 6;

/**
 * Packs `files` into a zip archive (deflate, level 6), in the given order.
 * Throws on an empty, absolute, directory-like or duplicate name (and on `__proto__`).
 */
export function zipFiles(files: ZipEntry[]): Uint8Array {
  const entries: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const file of files) {
    const name = file.name;
    // fflate keys its entries by name in a plain object, where `__proto__` cannot be a key.
    if (name === "" || name === "__proto__" || name.startsWith("/") || name.endsWith("/")) {
      throw new Error(`invalid zip entry name ${JSON.stringify(name)}`);
    }
    if (Object.hasOwn(entries, name)) throw new Error(`duplicate zip entry name ${name}`);
    const data = typeof file.content === "string" ? strToU8(file.content) : file.content;
    entries[name] = [data, { level: LEVEL, mtime: file.mtime ?? DEFAULT_MTIME }];
  }
  return zipSync(entries);
}
