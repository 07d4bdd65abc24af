// Test helper: a strict reader of the Prometheus text format 0.0.4 as Pipewatch writes it.
// Stricter than Prometheus on purpose: only HELP and TYPE comments, no blank lines, no
// timestamps, HELP then TYPE before a family's first sample, a family's samples together, no
// series twice. Throws naming the line; returns the families with unescaped values.

export type ParsedSample = { labels: Record<string, string>; value: number; text: string };
export type ParsedFamily = { name: string; help: string; type: string; samples: ParsedSample[] };

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL = "[a-zA-Z_][a-zA-Z0-9_]*";
const QUOTED = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const VALUE = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]Inf|NaN";
const HELP = new RegExp(`^# HELP (${NAME}) ((?:[^\\\\\\n]|\\\\[\\\\n])*)$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|summary|histogram|untyped)$`);
const SAMPLE = new RegExp(
  `^(${NAME})(?:\\{((?:${LABEL}=${QUOTED})(?:,${LABEL}=${QUOTED})*)?\\})? (${VALUE})$`,
);
const PAIR = new RegExp(`(${LABEL})=(${QUOTED})`, "g");

const unescapeText = (text: string) =>
  text.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));

/** Parses `text`; throws `line N: ...` at the first line that breaks the grammar. */
export function parseExposition(text: string): ParsedFamily[] {
  if (!text.endsWith("\n")) throw new Error("the body does not end with a line feed");
  const families: ParsedFamily[] = [];
  const done = new Set<string>();
  let current: ParsedFamily | undefined;
  let pendingHelp: { name: string; help: string } | undefined;
  const series = new Set<string>();
  for (const [index, line] of text.slice(0, -1).split("\n").entries()) {
    const fail = (why: string): never => {
      throw new Error(`line ${index + 1}: ${why}: ${JSON.stringify(line)}`);
    };
    const help = HELP.exec(line);
    const type = TYPE.exec(line);
    if (help) {
      const name = help[1] ?? "";
      if (pendingHelp) fail("HELP without TYPE before it");
      if (done.has(name) || current?.name === name) fail("a second HELP for the family");
      pendingHelp = { name, help: unescapeText(help[2] ?? "") };
      continue;
    }
    if (type) {
      const name = type[1] ?? "";
      if (!pendingHelp || pendingHelp.name !== name) fail("TYPE without its HELP just before");
      if (current) done.add(current.name);
      current = { name, help: pendingHelp?.help ?? "", type: type[2] ?? "", samples: [] };
      families.push(current);
      pendingHelp = undefined;
      continue;
    }
    if (line.startsWith("#")) fail("a comment other than HELP and TYPE");
    const sample = SAMPLE.exec(line);
    if (!sample) fail("not a sample line");
    const name = sample?.[1] ?? "";
    if (pendingHelp || !current || current.name !== name)
      fail(done.has(name) ? "the family's samples are not together" : "a sample before its TYPE");
    const labels: Record<string, string> = {};
    for (const [, label = "", quoted = ""] of (sample?.[2] ?? "").matchAll(PAIR)) {
      if (label in labels) fail(`label ${label} twice`);
      labels[label] = unescapeText(quoted.slice(1, -1));
    }
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (series.has(key)) fail("the same series twice");
    series.add(key);
    const raw = sample?.[3] ?? "";
    const value = raw.endsWith("Inf") ? (raw.startsWith("-") ? -1 : 1) * Infinity : Number(raw);
    current?.samples.push({ labels, value, text: raw });
  }
  if (pendingHelp) throw new Error(`HELP for ${pendingHelp.name} without TYPE`);
  return families;
}

/** The family named `name` (throws when absent). */
export function familyOf(families: ParsedFamily[], name: string): ParsedFamily {
  const family = families.find((f) => f.name === name);
  if (!family) throw new Error(`no family ${name}`);
  return family;
}
