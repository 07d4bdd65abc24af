// The Prometheus text exposition format 0.0.4, written from metric families: `# HELP` and
// `# TYPE` once per family, its samples right after, label values escaped. Pure.
// https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type MetricType = "gauge" | "counter" | "untyped";

/** Label values by name; an undefined value leaves the label out (as Prometheus stores ""). */
export type Labels = Record<string, string | undefined>;

/** null (or NaN): the value is not known, and the sample is left out rather than sent as NaN. */
export type Sample = { labels?: Labels; value: number | null | undefined };

export type MetricFamily = { name: string; help: string; type: MetricType; samples: Sample[] };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A label value between double quotes: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text: backslash and line feed escaped (double quotes stay as they are). */
export function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/**
 * A sample value as Prometheus parses it (Go's ParseFloat): integers as integers, other numbers
 * in the shortest form that reads back to the same double, infinities as `+Inf`/`-Inf`; null
 * for a value that must be left out (null, undefined, NaN).
 */
export function formatValue(value: number | null | undefined): string | null {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  // String(-0) is "0"; every other finite number prints as JavaScript's shortest round trip
  // (1.5, 0.1, 1e-7, 1e+21), all of which Go's ParseFloat reads.
  return String(value);
}

function formatLabels(labels: Labels | undefined, family: string): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(labels ?? {})) {
    if (value === undefined) continue;
    if (!LABEL_NAME.test(name) || name.startsWith("__"))
      throw new Error(`${family}: invalid label name ${JSON.stringify(name)}`);
    parts.push(`${name}="${escapeLabelValue(value)}"`);
  }
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

/** The identity of a series: its labels in name order, whatever order they were given in. */
function seriesKey(labels: Labels | undefined): string {
  return JSON.stringify(
    Object.entries(labels ?? {})
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/**
 * One family's lines: HELP, TYPE, then each sample whose value is known. Throws on an invalid
 * metric or label name and on two samples of the same series (Prometheus would reject the
 * scrape, or keep one of them at random).
 */
export function serializeFamily(family: MetricFamily): string {
  if (!METRIC_NAME.test(family.name))
    throw new Error(`invalid metric name ${JSON.stringify(family.name)}`);
  const lines = [`# HELP ${family.name} ${escapeHelp(family.help)}`];
  lines.push(`# TYPE ${family.name} ${family.type}`);
  const seen = new Set<string>();
  for (const sample of family.samples) {
    const key = seriesKey(sample.labels);
    if (seen.has(key)) throw new Error(`${family.name}: duplicate series ${key}`);
    seen.add(key);
    const value = formatValue(sample.value);
    if (value === null) continue;
    lines.push(`${family.name}${formatLabels(sample.labels, family.name)} ${value}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The whole exposition: every family in the order given; a family name may appear once. */
export function serializeFamilies(families: MetricFamily[]): string {
  const names = new Set<string>();
  for (const family of families) {
    if (names.has(family.name)) throw new Error(`metric family ${family.name} given twice`);
    names.add(family.name);
  }
  return families.map(serializeFamily).join("");
}
