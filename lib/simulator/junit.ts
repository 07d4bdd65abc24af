// JUnit XML test reports as four real tools write them, including how each one records a
// test that was retried: Maven Surefire (flakyFailure / rerunFailure), pytest with
// pytest-rerunfailures (one <testcase> per attempt), jest-junit and Playwright's default
// junit reporter (no retry information at all).

import { renderPytest, renderSurefire } from "./junit-retries.ts";
import {
  attemptsOf,
  attributes,
  cdata,
  countsOf,
  escapeText,
  seconds,
  totalMs,
} from "./junit-xml.ts";

export type TestCaseRun = {
  classname: string;
  name: string;
  file?: string;
  /** Duration of one attempt; every attempt of a retried test is taken to last this long. */
  timeMs: number;
  outcome: "passed" | "failed" | "error" | "skipped" | "flaky";
  /** For flaky: tries that failed before the pass (at least 1); for failed/error: reruns that also failed. */
  failedTries?: number;
  /** Failure or error message; for skipped, the reason. */
  message?: string;
};

export type JUnitFormat = "surefire" | "pytest" | "jest" | "playwright";

// --- jest-junit (default options) ----------------------------------------------------------

const JEST_FAILURE =
  "Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: true\nReceived: false";
const JEST_ERROR = "Error: connect ECONNREFUSED 127.0.0.1:5432";

function renderJest(suiteName: string, cases: TestCaseRun[], timestamp: Date): string {
  const counts = countsOf(cases);
  // jest-junit knows nothing of retries: a flaky test is a pass, a failed one shows its last
  // error, and a test's time is its last attempt's (the suite's time includes them all).
  const time = seconds(totalMs(cases));
  const testcases = cases.map((c) => {
    const title = `${c.classname} ${c.name}`;
    const open = `    <testcase${attributes([
      ["classname", title],
      ["name", title],
      ["time", seconds(c.timeMs)],
    ])}>`;
    let body = "";
    if (c.outcome === "skipped") body = "      <skipped/>\n";
    if (c.outcome === "failed" || c.outcome === "error") {
      const tag = c.outcome === "error" ? "error" : "failure";
      const message = c.message ?? (c.outcome === "error" ? JEST_ERROR : JEST_FAILURE);
      const file = c.file ?? "src/index.test.ts";
      body = `      <${tag}>${escapeText(`${message}\n    at Object.<anonymous> (${file}:12:5)`)}</${tag}>\n`;
    }
    return `${open}\n${body}    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes([
      ["name", "jest tests"],
      ["tests", counts.tests],
      ["failures", counts.failures],
      ["errors", counts.errors],
      ["time", time],
    ])}>`,
    `  <testsuite${attributes([
      ["name", suiteName],
      ["errors", counts.errors],
      ["failures", counts.failures],
      ["skipped", counts.skipped],
      ["timestamp", timestamp.toISOString().slice(0, 19)],
      ["time", time],
      ["tests", counts.tests],
    ])}>`,
    ...testcases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

// --- Playwright junit reporter (default: includeRetries off) -------------------------------

function playwrightFailure(c: TestCaseRun): string {
  const file = c.file ?? c.classname;
  const location = `${file}:12:5`;
  const message =
    c.message ??
    (c.outcome === "error"
      ? "Error: page.goto: net::ERR_CONNECTION_REFUSED at http://localhost:3000/"
      : "Error: expect(received).toBe(expected) // Object.is equality");
  const lines = [`  1) [chromium] › ${location} › ${c.name} ───────────────────────────────`, ""];
  for (let attempt = 0; attempt < attemptsOf(c); attempt++) {
    if (attempt > 0) lines.push(`    Retry #${attempt} ───────────────────────────────`, "");
    lines.push(`    ${message}`, "", `      at ${location}`, "");
  }
  return `<failure${attributes([
    ["message", `${file.slice(file.lastIndexOf("/") + 1)}:12:5 ${c.name}`],
    ["type", "FAILURE"],
  ])}>\n${cdata(`${lines.join("\n")}\n`)}\n</failure>`;
}

function renderPlaywright(suiteName: string, cases: TestCaseRun[], timestamp: Date): string {
  const counts = countsOf(cases);
  // No retry elements: flaky counts as passed; errors are failures of type FAILURE.
  const failures = counts.failures + counts.errors;
  const time = seconds(totalMs(cases));
  const lines = [
    `<testsuites${attributes([
      ["id", ""],
      ["name", ""],
      ["tests", counts.tests],
      ["failures", failures],
      ["skipped", counts.skipped],
      ["errors", 0],
      ["time", time],
    ])}>`,
    `<testsuite${attributes([
      ["name", suiteName],
      ["timestamp", timestamp.toISOString()],
      ["hostname", "chromium"],
      ["tests", counts.tests],
      ["failures", failures],
      ["skipped", counts.skipped],
      ["time", time],
      ["errors", 0],
    ])}>`,
  ];
  for (const c of cases) {
    // time is the sum of all attempts.
    lines.push(
      `<testcase${attributes([
        ["name", c.name],
        ["classname", c.classname],
        ["time", seconds(c.timeMs * attemptsOf(c))],
      ])}>`,
    );
    if (c.outcome === "skipped") lines.push("<skipped/>");
    if (c.outcome === "failed" || c.outcome === "error") lines.push(playwrightFailure(c));
    lines.push("</testcase>");
  }
  lines.push("</testsuite>", "</testsuites>");
  return lines.join("\n");
}

/**
 * A JUnit XML report for `cases` as `format`'s tool writes it. Retried tests follow the tool:
 * Surefire records every failed try, pytest repeats the testcase, jest-junit and Playwright
 * show only the final result (a flaky test looks passed).
 */
export function renderJUnit(
  format: JUnitFormat,
  suiteName: string,
  cases: TestCaseRun[],
  timestamp: Date,
): string {
  switch (format) {
    case "surefire":
      return renderSurefire(suiteName, cases);
    case "pytest":
      return renderPytest(suiteName, cases, timestamp);
    case "jest":
      return renderJest(suiteName, cases, timestamp);
    case "playwright":
      return renderPlaywright(suiteName, cases, timestamp);
  }
}
