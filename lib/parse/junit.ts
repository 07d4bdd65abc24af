// Test results from a JUnit XML report, with retries as each tool records them
// (shared/reference/github-actions-api.md §5): Maven Surefire's flakyFailure/flakyError and
// rerunFailure/rerunError (also Playwright with includeRetries), pytest-rerunfailures' repeated
// <testcase> elements, and jest-junit and Playwright's default reporter, which record none.
import { JUnitLimitError, JUnitSyntaxError } from "./junit-errors.ts";
import { decodeEntities, scanXml } from "./xml-scanner.ts";

export { JUnitLimitError, JUnitSyntaxError } from "./junit-errors.ts";

/** One distinct test of a report (suite + classname + name), its attempts merged. */
export type ParsedTestCase = {
  /** The `name` of the nearest enclosing `<testsuite>`. */
  suite: string;
  classname: string | null;
  name: string;
  file: string | null;
  /** `flaky`: passed in the end after failed tries in the same report. */
  outcome: "passed" | "failed" | "error" | "skipped" | "flaky";
  /** Failed tries before the final outcome. */
  retries: number;
  /** The final attempt's `time`. */
  durationMs: number | null;
  /** The first failure or error message of any attempt, cut to 1,000 characters. */
  message: string | null;
};

export type JUnitOptions = {
  /** At most this many `<testcase>` elements (default 50,000). */
  maxCases?: number;
  /** At most this deep element nesting (default 64). */
  maxDepth?: number;
};

const MAX_MESSAGE = 1000;

/** One `<testcase>` element: one attempt, or (Surefire) a first run and its reruns. */
type Attempt = {
  /** A `<failure>` or `<error>` child: the final result of this record failed. */
  failure: "failed" | "error" | null;
  skipped: boolean;
  /** flakyFailure, flakyError, rerunFailure, rerunError children: failed tries. */
  failedTries: number;
  message: string | null;
  durationMs: number | null;
};

type Test = Omit<ParsedTestCase, "outcome" | "retries" | "durationMs" | "message"> & {
  attempts: Attempt[];
};

const FAILED_TRIES = new Set(["flakyFailure", "flakyError", "rerunFailure", "rerunError"]);

function cut(text: string): string {
  if (text.length <= MAX_MESSAGE) return text;
  const end = /[\uD800-\uDBFF]/.test(text[MAX_MESSAGE - 1] ?? "") ? MAX_MESSAGE - 1 : MAX_MESSAGE;
  return text.slice(0, end);
}

/** `time="1.234"` (seconds; Surefire may write `1,234.5`) → 1234 ms; null when unreadable. */
function durationOf(time: string | undefined): number | null {
  if (time === undefined) return null;
  const seconds = Number(time.replace(/,/g, "").trim());
  return time.trim() !== "" && Number.isFinite(seconds) && seconds >= 0
    ? Math.round(seconds * 1000)
    : null;
}

/** Reads the report's tags into tests, in order of first appearance. */
class Collector {
  readonly tests = new Map<string, Test>();
  private depth = 0;
  private cases = 0;
  private readonly suites: { depth: number; name: string }[] = [];
  private current: { depth: number; test: Test; attempt: Attempt } | null = null;
  /** Text of a failure element without a `message` attribute, which is its message then. */
  private capture: { depth: number; text: string } | null = null;

  constructor(private readonly maxCases: number) {}

  open(name: string, attributes: Readonly<Record<string, string>>): void {
    this.depth++;
    if (name === "testsuite" || name === "testsuites") {
      // A <testsuites> name only stands in when no <testsuite> encloses the test.
      const inner = name === "testsuite" || this.suites.length === 0;
      if (inner) this.suites.push({ depth: this.depth, name: attributes.name ?? "" });
    } else if (name === "testcase") {
      this.openCase(attributes);
    } else if (this.current && this.depth === this.current.depth + 1) {
      this.openResult(name, attributes, this.current.attempt);
    }
  }

  private openCase(attributes: Readonly<Record<string, string>>): void {
    if (this.current) throw new JUnitSyntaxError("<testcase> inside <testcase>");
    this.cases++;
    if (this.cases > this.maxCases) throw new JUnitLimitError("maxCases", this.maxCases);
    const suite = this.suites.at(-1)?.name ?? "";
    const classname = attributes.classname ?? null;
    const name = attributes.name ?? "";
    const key = `${suite}\u0000${classname ?? "\u0001"}\u0000${name}`;
    let test = this.tests.get(key);
    if (!test) {
      test = { suite, classname, name, file: null, attempts: [] };
      this.tests.set(key, test);
    }
    test.file ??= attributes.file ?? null;
    const attempt: Attempt = {
      failure: null,
      skipped: false,
      failedTries: 0,
      message: null,
      durationMs: durationOf(attributes.time),
    };
    this.current = { depth: this.depth, test, attempt };
  }

  private openResult(name: string, attributes: Readonly<Record<string, string>>, attempt: Attempt) {
    const failure = name === "failure" ? "failed" : name === "error" ? "error" : null;
    if (name === "skipped") attempt.skipped = true;
    else if (failure) attempt.failure ??= failure;
    else if (FAILED_TRIES.has(name)) attempt.failedTries++;
    else return;
    if (name === "skipped" || attempt.message !== null) return;
    const message = attributes.message?.trim();
    if (message) attempt.message = cut(message);
    else this.capture = { depth: this.depth, text: "" };
  }

  text(raw: string, cdata: boolean): void {
    if (this.capture && this.capture.text.length <= MAX_MESSAGE) {
      const chunk = raw.slice(0, MAX_MESSAGE + 16);
      this.capture.text += cdata ? chunk : decodeEntities(chunk);
    }
  }

  close(): void {
    const { capture, current } = this;
    if (capture && capture.depth === this.depth) {
      const message = capture.text.replace(/\r\n?/g, "\n").trim();
      if (current && message !== "") current.attempt.message = cut(message);
      this.capture = null;
    }
    if (current && current.depth === this.depth) {
      current.test.attempts.push(current.attempt);
      this.current = null;
    }
    if (this.suites.at(-1)?.depth === this.depth) this.suites.pop();
    this.depth--;
  }
}

/** Merges a test's attempts: the last decides; every earlier record and failed try is a retry. */
function resultOf({ attempts, ...test }: Test): ParsedTestCase {
  const last = attempts.at(-1);
  const retries =
    attempts.length - 1 + attempts.reduce((sum, attempt) => sum + attempt.failedTries, 0);
  let outcome: ParsedTestCase["outcome"] = "passed";
  if (last?.failure) outcome = last.failure;
  else if (last?.skipped) outcome = "skipped";
  else if (retries > 0) outcome = "flaky";
  const message = attempts.find((attempt) => attempt.message !== null)?.message ?? null;
  return {
    ...test,
    outcome,
    retries,
    durationMs: last?.durationMs ?? null,
    message: outcome === "passed" || outcome === "skipped" ? null : message,
  };
}

function limitOf(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/**
 * The tests of a JUnit XML report, one per distinct suite + classname + name, in order of
 * first appearance. A test recorded several times (pytest-rerunfailures writes one
 * `<testcase>` per attempt, the earlier ones empty) is merged: the last record decides the
 * outcome, and a final pass after earlier records or `flakyFailure`/`flakyError` children is
 * `flaky`; `retries` counts the earlier records plus every flaky*, rerun* child. jest-junit and
 * Playwright's default reporter record no retries: their flaky tests read as passed.
 *
 * Throws `JUnitSyntaxError` on malformed XML (and on a DOCTYPE declaring entities) and
 * `JUnitLimitError` past `maxCases` `<testcase>` elements or `maxDepth` nesting.
 */
export function parseJUnit(xml: string, options: JUnitOptions = {}): ParsedTestCase[] {
  const collector = new Collector(limitOf(options.maxCases, 50_000));
  scanXml(
    xml,
    {
      open: (name, attributes) => collector.open(name, attributes),
      close: () => collector.close(),
      text: (raw, cdata) => collector.text(raw, cdata),
    },
    limitOf(options.maxDepth, 64),
  );
  return [...collector.tests.values()].map(resultOf);
}
