// Unzipping an artifact without trusting it: the sizes a zip declares can lie (a zip bomb
// declares a few kilobytes and inflates to gigabytes), so bytes are counted as they are
// inflated and the work stops at the limit, whatever the headers said.
import { Unzip, UnzipInflate, UnzipPassThrough } from "fflate";

export class UnzipLimitError extends Error {
  /** Bytes inflated when the work stopped (bounded by the limit plus one slice's worth). */
  inflatedBytes = 0;
}

const SLICE = 16 * 1024;

export type UnzipLimits = {
  /** Largest total of inflated bytes over the files kept. */
  maxTotalBytes: number;
  /** At most this many files kept (default 2,000). */
  maxFiles?: number;
};

export type UnzippedFile = { name: string; bytes: Uint8Array };

/**
 * The files of `zip` whose names `keep` accepts. Throws UnzipLimitError past the limits and
 * Error for an archive that is not a readable zip.
 */
export function unzipFiles(
  zip: Uint8Array,
  keep: (name: string) => boolean,
  limits: UnzipLimits,
): UnzippedFile[] {
  if (zip.length < 4 || zip[0] !== 0x50 || zip[1] !== 0x4b) throw new Error("not a zip archive");
  const maxFiles = limits.maxFiles ?? 2000;
  const out: UnzippedFile[] = [];
  let total = 0;
  const state: { failure: Error | null } = { failure: null };
  const unzip = new Unzip((file) => {
    if (state.failure || file.name.endsWith("/") || !keep(file.name)) return;
    if (file.originalSize !== undefined && total + file.originalSize > limits.maxTotalBytes) {
      state.failure = new UnzipLimitError(
        `declares more than ${limits.maxTotalBytes} bytes once unzipped`,
      );
      return;
    }
    if (out.length >= maxFiles) {
      state.failure = new UnzipLimitError(`more than ${maxFiles} report files`);
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (error, chunk, final) => {
      if (state.failure) return;
      if (error) {
        state.failure = new Error(`${file.name}: ${error.message}`);
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (total > limits.maxTotalBytes) {
        state.failure = new UnzipLimitError(
          `inflates to more than ${limits.maxTotalBytes} bytes (zip bomb?)`,
        );
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        const bytes = new Uint8Array(size);
        let offset = 0;
        for (const c of chunks) {
          bytes.set(c, offset);
          offset += c.length;
        }
        out.push({ name: file.name, bytes });
      }
    };
    try {
      file.start();
    } catch (error: unknown) {
      state.failure = new Error(
        `${file.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    // Fed in small slices: fflate inflates all it is given before calling ondata, so one push
    // of the whole archive would inflate a bomb completely before any limit is checked. A
    // slice inflates to at most ~1,032 times its size.
    for (let offset = 0; offset < zip.length && !state.failure; offset += SLICE) {
      unzip.push(zip.subarray(offset, offset + SLICE), offset + SLICE >= zip.length);
    }
  } catch (error: unknown) {
    state.failure ??= new Error(
      `not a readable zip: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (state.failure instanceof UnzipLimitError) state.failure.inflatedBytes = total;
  if (state.failure) throw state.failure;
  return out;
}
