// Helpers shared by the JUnit writers: XML escaping and counting test cases and their attempts.
import type { TestCaseRun } from "./junit.ts";

/** Characters XML 1.0 does not allow at all (control characters other than tab, LF and CR). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function stripInvalid(value: string): string {
  return value.replace(INVALID_XML_CHARS, "");
}

/** Escapes text content: `&`, `<` and `>`. */
export function escapeText(value: string): string {
  return stripInvalid(value)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;");
}

/** Escapes an attribute value for double quotes; line breaks and tabs become character references. */
export function escapeAttribute(value: string): string {
  return escapeText(value)
    .replaceAll('"', "&quot;")
    .replaceAll("\n", "&#10;")
    .replaceAll("\r", "&#13;")
    .replaceAll("\t", "&#9;");
}

/** A CDATA section; a `]]>` inside is split across two sections. */
export function cdata(value: string): string {
  return `<![CDATA[${stripInvalid(value).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** ` name="value"` pairs, in the given order, skipping undefined values. */
export function attributes(pairs: [string, string | number | undefined][]): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join("");
}

export type Counts = {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  flakes: number;
};

export function countsOf(cases: TestCaseRun[]): Counts {
  const count = (outcome: TestCaseRun["outcome"]) =>
    cases.filter((c) => c.outcome === outcome).length;
  return {
    tests: cases.length,
    failures: count("failed"),
    errors: count("error"),
    skipped: count("skipped"),
    flakes: count("flaky"),
  };
}

/** How many times the test ran. */
export function attemptsOf(c: TestCaseRun): number {
  if (c.outcome === "flaky") return 1 + Math.max(1, c.failedTries ?? 1);
  if (c.outcome === "failed" || c.outcome === "error") return 1 + Math.max(0, c.failedTries ?? 0);
  return 1;
}

/** Total time spent on all attempts of all cases, in milliseconds. */
export function totalMs(cases: TestCaseRun[]): number {
  return cases.reduce((sum, c) => sum + c.timeMs * attemptsOf(c), 0);
}

/** Seconds with up to three decimals and no trailing zeros ("0.034", "1.5", "2"). */
export function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
