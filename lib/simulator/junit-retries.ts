// JUnit writers for the tools that record retries: Maven Surefire (flakyFailure and
// rerunFailure elements) and pytest with pytest-rerunfailures (one <testcase> per attempt).
import type { TestCaseRun } from "./junit.ts";
import {
  attemptsOf,
  attributes,
  cdata,
  countsOf,
  escapeAttribute,
  escapeText,
  seconds,
  totalMs,
} from "./junit-xml.ts";

function simpleName(classname: string): string {
  return classname.slice(classname.lastIndexOf(".") + 1);
}

// --- Maven Surefire -------------------------------------------------------------------------

const JAVA_ASSERTION = "org.opentest4j.AssertionFailedError";
const JAVA_ERROR = "java.net.ConnectException";

function javaTrace(c: TestCaseRun, type: string, message: string, line: number): string {
  const frames = [
    `${c.classname}.${c.name}(${simpleName(c.classname)}.java:${line})`,
    "java.base/java.lang.reflect.Method.invoke(Method.java:580)",
    "org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:767)",
  ];
  return `${type}: ${message}\n${frames.map((frame) => `\tat ${frame}\n`).join("")}`;
}

function surefireCase(c: TestCaseRun): string {
  const open = `  <testcase${attributes([
    ["name", c.name],
    ["classname", c.classname],
    ["time", seconds(c.timeMs)],
  ])}`;
  if (c.outcome === "passed") return `${open}/>`;
  if (c.outcome === "skipped") {
    return `${open}>\n    <skipped${attributes([["message", c.message]])}/>\n  </testcase>`;
  }
  const isError = c.outcome === "error";
  const type = isError ? JAVA_ERROR : JAVA_ASSERTION;
  const message =
    c.message ?? (isError ? "Connection refused" : "expected: <true> but was: <false>");
  const head = attributes([
    ["message", message],
    ["type", type],
  ]);
  const lines: string[] = [`${open}>`];
  // Retries are nested elements whose stack trace sits in a <stackTrace> child.
  const retry = (tag: string, attempt: number) =>
    `    <${tag}${head}>\n      <stackTrace>${cdata(javaTrace(c, type, message, 40 + attempt))}</stackTrace>\n    </${tag}>`;
  if (c.outcome === "flaky") {
    for (let attempt = 1; attempt < attemptsOf(c); attempt++)
      lines.push(retry("flakyFailure", attempt));
  } else {
    const tag = isError ? "error" : "failure";
    lines.push(`    <${tag}${head}>${cdata(javaTrace(c, type, message, 40))}</${tag}>`);
    const rerunTag = isError ? "rerunError" : "rerunFailure";
    for (let attempt = 1; attempt < attemptsOf(c); attempt++) lines.push(retry(rerunTag, attempt));
  }
  lines.push("  </testcase>");
  return lines.join("\n");
}

export function renderSurefire(suiteName: string, cases: TestCaseRun[]): string {
  const counts = countsOf(cases);
  const suite = attributes([
    ["version", "3.0.2"],
    ["name", suiteName],
    ["time", seconds(totalMs(cases))],
    ["tests", counts.tests],
    ["errors", counts.errors],
    ["skipped", counts.skipped],
    ["failures", counts.failures],
    ["flakes", counts.flakes],
  ]);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite${suite}>`,
    "  <properties>",
    '    <property name="java.version" value="21.0.8"/>',
    '    <property name="os.name" value="Linux"/>',
    "  </properties>",
    ...cases.map(surefireCase),
    "</testsuite>",
    "",
  ].join("\n");
}

// --- pytest (junit_family=xunit2) with pytest-rerunfailures --------------------------------

/** Python's `datetime.isoformat()` for an aware UTC time: microseconds and `+00:00`. */
function pythonTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000+00:00`;
}

function pytestCase(c: TestCaseRun, body = ""): string {
  const head = attributes([
    ["classname", c.classname],
    ["name", c.name],
    ["time", (c.timeMs / 1000).toFixed(3)],
  ]);
  return body === "" ? `<testcase${head} />` : `<testcase${head}>${body}</testcase>`;
}

function pytestFile(c: TestCaseRun): string {
  return c.file ?? `${c.classname.replaceAll(".", "/")}.py`;
}

function pytestBody(c: TestCaseRun): string {
  const file = pytestFile(c);
  if (c.outcome === "skipped") {
    const reason = c.message ?? "unconditional skip";
    return `<skipped${attributes([
      ["type", "pytest.skip"],
      ["message", reason],
    ])}>${escapeText(`${file}:12: ${reason}`)}</skipped>`;
  }
  if (c.outcome === "error") {
    const message = c.message ?? "ConnectionError: database is not reachable";
    const [type = "Exception", ...rest] = message.split(": ");
    const raise = `raise ${type}(${JSON.stringify(rest.join(": "))})`;
    const text = `@pytest.fixture\ndef db():\n>       ${raise}\nE       ${message}\n\n${file}:8: ${type}`;
    return `<error message="${escapeAttribute(`failed on setup with "${message}"`)}">${escapeText(text)}</error>`;
  }
  const message = c.message ?? "AssertionError: assert False";
  const text = `def ${c.name}():\n>       assert False\nE       ${message.replaceAll("\n", "\nE       ")}\n\n${file}:12: AssertionError`;
  return `<failure message="${escapeAttribute(message)}">${escapeText(text)}</failure>`;
}

export function renderPytest(suiteName: string, cases: TestCaseRun[], timestamp: Date): string {
  const counts = countsOf(cases);
  const testcases: string[] = [];
  for (const c of cases) {
    // Every attempt before the last is reported by pytest as an empty (passing-looking) testcase.
    for (let attempt = 1; attempt < attemptsOf(c); attempt++) testcases.push(pytestCase(c));
    testcases.push(
      c.outcome === "passed" || c.outcome === "flaky"
        ? pytestCase(c)
        : pytestCase(c, pytestBody(c)),
    );
  }
  const suite = attributes([
    ["name", suiteName],
    ["errors", counts.errors],
    ["failures", counts.failures],
    ["skipped", counts.skipped],
    ["tests", counts.tests],
    ["time", (totalMs(cases) / 1000).toFixed(3)],
    ["timestamp", pythonTimestamp(timestamp)],
    ["hostname", "runnervmf2e7y"],
  ]);
  return `<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite${suite}>${testcases.join("")}</testsuite></testsuites>`;
}
