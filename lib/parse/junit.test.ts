// JUnit reports as each tool writes them (shared/reference/github-actions-api.md §5): the two
// real fixtures, then hand-made reports for each retry rule.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseJUnit } from "./junit.ts";

const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/github/junit");

/** A fixture's text, or null when the shared fixtures are not checked out beside the project. */
function fixture(name: string): string | null {
  const file = path.join(FIXTURES, name);
  return existsSync(file) ? readFileSync(file, "utf8") : null;
}

/** A test title that says when the fixture is missing and the test skipped. */
function titleOf(title: string, text: string | null, name: string): string {
  return text === null ? `${title} (skipped: ${name} not found in ${FIXTURES})` : title;
}

describe("parseJUnit: real reports", () => {
  const surefireName = "surefire-TEST-org.acme.FlakyTest.xml";
  const surefire = fixture(surefireName);
  // Read from the file: testFlaky has 3 <flakyFailure> and 1 <flakyError>, no <failure>,
  // time="0.034"; the first flakyFailure's message is `expected: &lt;1&gt; but was: &lt;0&gt;`.
  it.skipIf(surefire === null)(
    titleOf(
      "Surefire (apache/maven-surefire fixture): a flaky test and a stable one",
      surefire,
      surefireName,
    ),
    () => {
      expect(parseJUnit(surefire ?? "")).toEqual([
        {
          suite: "org.acme.FlakyTest",
          classname: "org.acme.FlakyTest",
          name: "testFlaky",
          file: null,
          outcome: "flaky",
          retries: 4,
          durationMs: 34,
          message: "expected: <1> but was: <0>",
        },
        {
          suite: "org.acme.FlakyTest",
          classname: "org.acme.FlakyTest",
          name: "testStable",
          file: null,
          outcome: "passed",
          retries: 0,
          durationMs: 1,
          message: null,
        },
      ]);
    },
  );

  const pytestName = "pytest9-rerunfailures-generated.xml";
  const pytest = fixture(pytestName);
  // Read from the file (pytest 9 + rerunfailures, --reruns 2): test_stable once; the flaky test
  // twice, both empty; test_always_fails three times, the last with the failure.
  it.skipIf(pytest === null)(
    titleOf(
      "pytest-rerunfailures (generated with pytest 9): repeated testcases",
      pytest,
      pytestName,
    ),
    () => {
      const base = { suite: "pytest", classname: "test_flaky_demo", file: null, durationMs: 1 };
      expect(parseJUnit(pytest ?? "")).toEqual([
        { ...base, name: "test_stable", outcome: "passed", retries: 0, message: null },
        {
          ...base,
          name: "test_flaky_passes_on_second_try",
          outcome: "flaky",
          retries: 1,
          message: null,
        },
        {
          ...base,
          name: "test_always_fails",
          outcome: "failed",
          retries: 2,
          message: "AssertionError: always fails\nassert False",
        },
      ]);
    },
  );
});

const suite = (cases: string, name = "S") =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="${name}" tests="1">\n${cases}\n</testsuite>`;
const outcomes = (xml: string) =>
  parseJUnit(xml).map(({ name, outcome, retries }) => ({ name, outcome, retries }));

describe("parseJUnit: retry rules", () => {
  it("Surefire flakyFailure/flakyError without <failure>: flaky, retries = their count", () => {
    const xml = suite(`<testcase name="t" classname="C" time="0.5">
      <flakyFailure message="first" type="AssertionError"><stackTrace>at C.t</stackTrace></flakyFailure>
      <flakyError message="second" type="IOException"><stackTrace>at C.t</stackTrace><system-out>x</system-out></flakyError>
      <system-out>last run</system-out>
    </testcase>`);
    expect(parseJUnit(xml)).toEqual([
      {
        suite: "S",
        classname: "C",
        name: "t",
        file: null,
        outcome: "flaky",
        retries: 2,
        durationMs: 500,
        message: "first",
      },
    ]);
  });

  it("Surefire <failure>/<error> with reruns: failed/error, retries = reruns", () => {
    const xml = suite(`<testcase name="f" classname="C" time="1.2">
      <failure message="run 1" type="AssertionError">trace</failure>
      <rerunFailure message="run 2" type="AssertionError"><stackTrace>trace</stackTrace></rerunFailure>
      <rerunFailure message="run 3" type="AssertionError"><stackTrace>trace</stackTrace></rerunFailure>
    </testcase>
    <testcase name="e" classname="C" time="0.1">
      <error message="boom" type="IOException">trace</error>
      <rerunError message="boom again" type="IOException"><stackTrace>trace</stackTrace></rerunError>
    </testcase>
    <testcase name="plain" classname="C"><failure message="once"/></testcase>`);
    expect(parseJUnit(xml)).toMatchObject([
      { name: "f", outcome: "failed", retries: 2, message: "run 1", durationMs: 1200 },
      { name: "e", outcome: "error", retries: 1, message: "boom" },
      { name: "plain", outcome: "failed", retries: 0, message: "once", durationMs: null },
    ]);
  });

  it("pytest repeated testcases: flaky only when a final pass follows earlier records", () => {
    const xml = suite(`<testcase classname="m" name="once" time="0.1"/>
      <testcase classname="m" name="third" time="0.1"/>
      <testcase classname="m" name="third" time="0.1"/>
      <testcase classname="m" name="third" time="0.2"/>
      <testcase classname="m" name="fails" time="0.1"/>
      <testcase classname="m" name="fails" time="0.1"><failure message="E assert 0">long</failure></testcase>
      <testcase classname="m" name="skip" time="0"><skipped message="no db" type="pytest.skip">reason</skipped></testcase>
      <testcase classname="other" name="once" time="0.1"/>`);
    expect(outcomes(xml)).toEqual([
      { name: "once", outcome: "passed", retries: 0 },
      { name: "third", outcome: "flaky", retries: 2 },
      { name: "fails", outcome: "failed", retries: 1 },
      { name: "skip", outcome: "skipped", retries: 0 },
      { name: "once", outcome: "passed", retries: 0 },
    ]);
    expect(parseJUnit(xml)[1]?.durationMs).toBe(200);
  });

  it("jest-junit: failure text (no message attribute) is the message; no retry information", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="jest tests" tests="3" failures="1" errors="0" time="1.2">
  <testsuite name="math" errors="0" failures="1" skipped="1" timestamp="2025-01-01T00:00:00" time="0.5" tests="3">
    <testcase classname="math adds" name="math adds" time="0.003" file="src/math.test.ts">
    </testcase>
    <testcase classname="math subtracts" name="math subtracts" time="0.004">
      <failure>Error: expect(received).toBe(expected) // Object.is equality

Expected: 1
Received: 2
    at Object.&lt;anonymous&gt; (/app/math.test.js:5:17)</failure>
    </testcase>
    <testcase classname="math todo" name="math todo" time="0">
      <skipped/>
    </testcase>
  </testsuite>
</testsuites>`;
    const [adds, subtracts, todo] = parseJUnit(xml);
    expect(adds).toMatchObject({ suite: "math", outcome: "passed", file: "src/math.test.ts" });
    expect(subtracts?.outcome).toBe("failed");
    expect(subtracts?.message).toMatch(/^Error: expect\(received\)\.toBe\(expected\)/);
    expect(subtracts?.message).toContain("at Object.<anonymous> (/app/math.test.js:5:17)");
    expect(todo).toMatchObject({ outcome: "skipped", message: null });
  });

  it("Playwright: default reporter shows a flaky test as passed; includeRetries as Surefire", () => {
    const head = `<testsuites id="" name="" tests="2" failures="1" skipped="0" errors="0" time="9.1">
<testsuite name="login.spec.ts" timestamp="2026-03-01T10:00:00.000Z" hostname="chromium" tests="2" failures="1" skipped="0" time="9" errors="0">`;
    const plain = `${head}
<testcase name="logs in" classname="login.spec.ts" time="4.2"><system-out>[[ATTACHMENT|trace.zip]]</system-out></testcase>
</testsuite></testsuites>`;
    expect(outcomes(plain)).toEqual([{ name: "logs in", outcome: "passed", retries: 0 }]);
    const retries = `${head}
<testcase name="logs in" classname="login.spec.ts" time="1.9">
<flakyFailure message="expect(locator).toBeVisible() failed" type="expect.toBeVisible" time="2.3"><stackTrace>Error</stackTrace></flakyFailure>
</testcase>
<testcase name="logs out" classname="login.spec.ts" time="3.1">
<error message="TimeoutError: page.click: Timeout 30000ms exceeded." type="TimeoutError"><![CDATA[TimeoutError & more]]></error>
<rerunError message="TimeoutError again" type="TimeoutError" time="3.0"/>
</testcase>
</testsuite></testsuites>`;
    expect(parseJUnit(retries)).toMatchObject([
      { suite: "login.spec.ts", name: "logs in", outcome: "flaky", retries: 1, durationMs: 1900 },
      {
        name: "logs out",
        outcome: "error",
        retries: 1,
        message: "TimeoutError: page.click: Timeout 30000ms exceeded.",
      },
    ]);
  });

  it("names the suite after the nearest <testsuite>, else the <testsuites>", () => {
    const xml = `<testsuites name="all">
      <testcase classname="c" name="top"/>
      <testsuite name="outer">
        <testsuite name="inner"><testcase classname="c" name="a"/></testsuite>
        <testcase classname="c" name="a"/>
      </testsuite>
      <testsuite><testcase name="unnamed"/></testsuite>
    </testsuites>`;
    expect(parseJUnit(xml).map((test) => [test.suite, test.classname, test.name])).toEqual([
      ["all", "c", "top"],
      ["inner", "c", "a"],
      ["outer", "c", "a"],
      ["", null, "unnamed"],
    ]);
  });

  it("reads messages: CDATA as written, entities decoded, cut to 1,000 characters", () => {
    const xml = suite(`<testcase name="cdata"><failure><![CDATA[a &amp; <b>]]></failure></testcase>
      <testcase name="attr"><failure message="x &lt; y &#10;&#x41;&quot;&apos;&amp;">text</failure></testcase>
      <testcase name="long"><failure message="${"m".repeat(5000)}"/></testcase>
      <testcase name="longText"><error>${"t".repeat(5000)}</error></testcase>
      <testcase name="empty"><failure message=""/></testcase>`);
    const [cdata, attr, long, longText, empty] = parseJUnit(xml);
    expect(cdata?.message).toBe("a &amp; <b>");
    expect(attr?.message).toBe("x < y \nA\"'&");
    expect(long?.message).toHaveLength(1000);
    expect(longText?.message).toHaveLength(1000);
    expect(empty).toMatchObject({ outcome: "failed", message: null });
  });

  it("reads times in seconds, tolerating thousands separators and junk", () => {
    const xml = suite(`<testcase name="a" time="1,234.5"/><testcase name="b" time="abc"/>
      <testcase name="c" time=""/><testcase name="d" time="-1"/><testcase name="e" time="0.0004"/>`);
    expect(parseJUnit(xml).map((test) => test.durationMs)).toEqual([1234500, null, null, null, 0]);
  });
});
