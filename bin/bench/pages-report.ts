// The page-load benchmark's numbers: medians and maxima of a page's loads, and the table.
import { percentile } from "./api-measure.ts";

/** One page load as the browser timed it. */
export type PageLoad = {
  /** Navigation start to the load event. */
  loadMs: number;
  /** Navigation start to the first contentful paint. */
  fcpMs: number;
  /** Request sent to the first byte of the answer: the server's rendering and its queries. */
  ttfbMs: number;
  /** JavaScript transferred over the network (0 for a file served from the browser's cache). */
  jsBytes: number;
  jsFiles: number;
};

type Stat = { median: number; max: number };
export type LoadSummary = Record<keyof PageLoad, Stat>;

/** The first-load target of issue 6, in milliseconds. */
export const TARGET_MS = 1000;

function stat(values: number[]): Stat {
  const sorted = values.toSorted((a, b) => a - b);
  return { median: percentile(sorted, 0.5), max: sorted.at(-1) ?? Number.NaN };
}

export function summarize(loads: PageLoad[]): LoadSummary {
  const keys = ["loadMs", "fcpMs", "ttfbMs", "jsBytes", "jsFiles"] as const;
  return Object.fromEntries(
    keys.map((key) => [key, stat(loads.map((l) => l[key]))]),
  ) as LoadSummary;
}

const ms = (s: Stat) => `${Math.round(s.median)} / ${Math.round(s.max)}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

type Result = { page: string; cold: LoadSummary; warm: LoadSummary };

/** A row per page and mode: median / max of each time, the JS transferred, and the target. */
export function printLoads(results: Result[], loads: number): void {
  const header = ["page", "mode", "load ms", "FCP ms", "TTFB ms", "JS transferred", "< 1 s"];
  const rows = results.flatMap(({ page, cold, warm }) =>
    (
      [
        ["cold", cold],
        ["warm", warm],
      ] as const
    ).map(([mode, s]) => [
      page,
      mode,
      ms(s.loadMs),
      ms(s.fcpMs),
      ms(s.ttfbMs),
      `${kb(s.jsBytes.median)} (${s.jsFiles.median} files)`,
      s.loadMs.max < TARGET_MS ? "yes" : "NO",
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(`\n${loads} loads per page and mode; times are median / max.`);
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log(
    "\ncold: a new browser context per load (empty cache); warm: one context, loaded once before.",
  );
}
