import { describe, expect, it } from "vitest";
import {
  escapeHelp,
  escapeLabelValue,
  formatValue,
  type MetricFamily,
  serializeFamilies,
  serializeFamily,
} from "./prometheus.ts";
import { parseExposition } from "./prometheus-testing.ts";

const family = (samples: MetricFamily["samples"], name = "pw_x"): MetricFamily => ({
  name,
  help: "Some help.",
  type: "gauge",
  samples,
});

describe("escaping", () => {
  it("escapes backslash, double quote and line feed in label values, backslash first", () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    // A literal backslash-n is not a line feed: it must come back as two characters.
    expect(escapeLabelValue("\\n")).toBe("\\\\n");
    expect(escapeLabelValue("plain é ✓")).toBe("plain é ✓");
  });

  it("escapes backslash and line feed in HELP, keeping double quotes", () => {
    expect(escapeHelp('say "hi"\\\nnext')).toBe('say "hi"\\\\\\nnext');
  });

  it("round-trips awkward label values and HELP through a strict reader", () => {
    const awkward = ['quote " inside', "back\\slash", "line\nfeed", "\\n literal", "", "}{,="];
    const text = serializeFamily({
      name: "pw_x",
      help: 'multi\nline \\ "help"',
      type: "gauge",
      samples: awkward.map((v, i) => ({ labels: { v, i: String(i) }, value: i })),
    });
    const [parsed] = parseExposition(text);
    expect(parsed?.help).toBe('multi\nline \\ "help"');
    expect(parsed?.samples.map((s) => s.labels.v)).toEqual(awkward);
  });
});

describe("formatValue", () => {
  it.each([
    [0, "0"],
    [42, "42"],
    [-3, "-3"],
    [-0, "0"],
    [0.5, "0.5"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1764158400.123, "1764158400.123"],
    [1e21, "1e+21"],
    [1.5e-7, "1.5e-7"],
    [Number.MAX_SAFE_INTEGER, "9007199254740991"],
    [Number.POSITIVE_INFINITY, "+Inf"],
    [Number.NEGATIVE_INFINITY, "-Inf"],
  ])("writes %s as %s, which reads back to the same number", (value, text) => {
    expect(formatValue(value)).toBe(text);
    expect(text.endsWith("Inf") ? value : Number(text)).toBe(value === 0 ? 0 : value);
  });

  it.each([null, undefined, Number.NaN])("leaves %s out (null), never NaN", (value) => {
    expect(formatValue(value)).toBeNull();
  });
});

describe("serializeFamily", () => {
  it("writes HELP and TYPE once, then the known samples, and a final line feed", () => {
    const text = serializeFamily(
      family([
        { labels: { repo: "acme/api", quantile: "0.5" }, value: 1.5 },
        { labels: { repo: "acme/api", quantile: "0.95" }, value: null },
        { labels: { repo: "acme/web", quantile: "0.5" }, value: Number.NaN },
        { labels: { repo: "acme/web", quantile: "0.95" }, value: 3 },
      ]),
    );
    expect(text).toBe(
      [
        "# HELP pw_x Some help.",
        "# TYPE pw_x gauge",
        'pw_x{repo="acme/api",quantile="0.5"} 1.5',
        'pw_x{repo="acme/web",quantile="0.95"} 3',
        "",
      ].join("\n"),
    );
    expect(text).not.toMatch(/NaN|Inf|null|undefined/);
  });

  it("writes a sample without labels bare, and leaves undefined labels out", () => {
    expect(serializeFamily(family([{ value: 7 }]))).toContain("\npw_x 7\n");
    const text = serializeFamily(family([{ labels: { a: "1", b: undefined, c: "" }, value: 1 }]));
    expect(text).toContain('\npw_x{a="1",c=""} 1\n');
  });

  it("keeps HELP and TYPE of a family without samples", () => {
    expect(serializeFamily({ ...family([]), type: "counter" })).toBe(
      "# HELP pw_x Some help.\n# TYPE pw_x counter\n",
    );
  });

  it("refuses the same series twice, whatever the order of its labels or its value", () => {
    const twice = family([
      { labels: { a: "1", b: "2" }, value: 1 },
      { labels: { b: "2", a: "1" }, value: null },
    ]);
    expect(() => serializeFamily(twice)).toThrow(/duplicate series/);
    const distinct = family([
      { labels: { a: "1", b: "2" }, value: 1 },
      { labels: { a: "1", b: "3" }, value: 1 },
    ]);
    expect(() => serializeFamily(distinct)).not.toThrow();
  });

  it.each([
    ["metric name", family([], "pw-x")],
    ["metric name", family([], "1pw")],
    ["label name", family([{ labels: { "bad-name": "v" }, value: 1 }])],
    ["label name", family([{ labels: { __name__: "v" }, value: 1 }])],
  ])("refuses an invalid %s", (what, f) => {
    expect(() => serializeFamily(f)).toThrow(new RegExp(`invalid ${what}`));
  });
});

describe("serializeFamilies", () => {
  it("groups each family's lines and passes the strict reader", () => {
    const text = serializeFamilies([
      family([{ labels: { r: "a" }, value: 1 }], "pw_a"),
      { ...family([{ value: 2 }], "pw_b_total"), type: "counter" },
    ]);
    const parsed = parseExposition(text);
    expect(parsed.map((f) => [f.name, f.type, f.samples.length])).toEqual([
      ["pw_a", "gauge", 1],
      ["pw_b_total", "counter", 1],
    ]);
  });

  it("refuses a family given twice (its samples would be split)", () => {
    expect(() => serializeFamilies([family([], "pw_a"), family([], "pw_a")])).toThrow(/twice/);
  });
});

describe("parseExposition (the tests' strict reader)", () => {
  const ok = '# HELP pw_a A.\n# TYPE pw_a gauge\npw_a{r="x"} 1\n';

  it("reads a valid body", () => {
    expect(parseExposition(ok)[0]?.samples[0]).toMatchObject({ labels: { r: "x" }, value: 1 });
  });

  it.each([
    ["no final line feed", ok.slice(0, -1)],
    ["a sample before its TYPE", 'pw_a{r="x"} 1\n'],
    ["TYPE without HELP", "# TYPE pw_a gauge\npw_a 1\n"],
    ["HELP twice", `${ok}# HELP pw_a A.\n# TYPE pw_a gauge\n`],
    ["a split family", `${ok}# HELP pw_b B.\n# TYPE pw_b gauge\npw_b 1\npw_a{r="y"} 1\n`],
    ["a sample of another name", `${ok}pw_c 1\n`],
    ["a series twice", `${ok}pw_a{r="x"} 2\n`],
    ["a label twice", '# HELP pw_a A.\n# TYPE pw_a gauge\npw_a{r="x",r="y"} 1\n'],
    ["an unknown escape", '# HELP pw_a A.\n# TYPE pw_a gauge\npw_a{r="\\t"} 1\n'],
    ["an unquoted value", "# HELP pw_a A.\n# TYPE pw_a gauge\npw_a{r=x} 1\n"],
    ["a raw line feed in a value", '# HELP pw_a A.\n# TYPE pw_a gauge\npw_a{r="a\nb"} 1\n'],
    ["a timestamp", `${ok.slice(0, -1)} 1764158400000\n`],
    ["a blank line", `${ok}\n`],
    ["another comment", `${ok}# hello\n`],
    ["a value that is not a number", "# HELP pw_a A.\n# TYPE pw_a gauge\npw_a null\n"],
    ["an unknown type", "# HELP pw_a A.\n# TYPE pw_a number\npw_a 1\n"],
  ])("rejects %s", (_, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
});
