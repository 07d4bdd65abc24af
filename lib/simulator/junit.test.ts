import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type JUnitFormat, renderJUnit, type TestCaseRun } from "./junit.ts";
import { all, childNames, one, parseXml, testcases, type XmlElement } from "./junit-testing.ts";

const NASTY = 'expected "a < b" && c > d ]]> <!-- not a comment -->\nsecond line\ttab\u0007bell';
const NASTY_CLEAN = NASTY.replace("\u0007", "");

const CASES: TestCaseRun[] = [
  { classname: "org.acme.ApiTest", name: "stable", timeMs: 12, outcome: "passed" },
  { classname: "org.acme.ApiTest", name: "flaky", timeMs: 40, outcome: "flaky", failedTries: 2 },
  {
    classname: "org.acme.ApiTest",
    name: "broken",
    timeMs: 100,
    outcome: "failed",
    failedTries: 1,
    message: NASTY,
  },
  { classname: "org.acme.DbTest", name: "connects", timeMs: 5, outcome: "error", failedTries: 2 },
  { classname: "org.acme.DbTest", name: "later", timeMs: 0, outcome: "skipped", message: "wip" },
  { classname: "org.acme.DbTest", name: "once", timeMs: 7, outcome: "flaky" },
];
const AT = new Date("2026-05-07T19:34:15.231Z");
const FORMATS: JUnitFormat[] = ["surefire", "pytest", "jest", "playwright"];

describe("renderJUnit, common to every format", () => {
  for (const format of FORMATS) {
    it(`${format}: is well-formed and escapes markup in names and messages`, () => {
      const tricky: TestCaseRun[] = [
        { classname: 'a&b<"c">', name: "it <works> & 'ok'", timeMs: 1, outcome: "failed" },
        { classname: "x", name: "y", timeMs: 1, outcome: "failed", message: NASTY },
      ];
      const root = parseXml(renderJUnit(format, "suite & <co>", tricky, AT));
      const [first] = all(root, "testcase");
      expect(first?.attrs.name).toContain("it <works> & 'ok'");
      expect(first?.attrs.classname).toContain('a&b<"c">');
      const suite = root.name === "testsuite" ? root : one(root, "testsuite");
      expect(suite.attrs.name).toBe("suite & <co>");
      const failure = all(root, "testcase")[1]?.children[0];
      expect(`${failure?.attrs.message ?? ""}\n${failure?.text ?? ""}`).toContain(
        format === "jest" || format === "playwright" ? NASTY_CLEAN : NASTY_CLEAN.split("\n")[0],
      );
    });
  }
});

describe("renderJUnit surefire", () => {
  const root = parseXml(renderJUnit("surefire", "org.acme.ApiTest", CASES, AT));

  it("counts tests, failures, errors, skipped and flakes on <testsuite>", () => {
    expect(root.name).toBe("testsuite");
    expect(root.attrs).toMatchObject({
      name: "org.acme.ApiTest",
      tests: "6",
      failures: "1",
      errors: "1",
      skipped: "1",
      flakes: "2",
    });
    expect(all(root, "testcase")).toHaveLength(6);
  });

  it("records a flaky test as one <flakyFailure> per failed try with a <stackTrace>, no <failure>", () => {
    const [flaky] = testcases(root, "flaky");
    expect(childNames(flaky ?? root)).toEqual(["flakyFailure", "flakyFailure"]);
    for (const failure of flaky?.children ?? []) {
      expect(Object.keys(failure.attrs)).toEqual(["message", "type"]);
      expect(childNames(failure)).toEqual(["stackTrace"]);
      expect(one(failure, "stackTrace").text).toMatch(/^org\.opentest4j\.AssertionFailedError: /);
    }
    expect(flaky?.attrs.time).toBe("0.04");
    expect(childNames(testcases(root, "once")[0] ?? root)).toEqual(["flakyFailure"]);
  });

  it("records a failed test as <failure> then a <rerunFailure> per rerun", () => {
    const [broken] = testcases(root, "broken");
    expect(childNames(broken ?? root)).toEqual(["failure", "rerunFailure"]);
    expect(broken?.children[0]?.attrs.message).toBe(NASTY_CLEAN);
    expect(broken?.children[0]?.text).toContain(NASTY_CLEAN);
    expect(one(broken?.children[1] ?? root, "stackTrace").text).toContain("second line");
  });

  it("records an error as <error> then <rerunError>, and a skip as <skipped>", () => {
    expect(childNames(testcases(root, "connects")[0] ?? root)).toEqual([
      "error",
      "rerunError",
      "rerunError",
    ]);
    const [later] = testcases(root, "later");
    expect(childNames(later ?? root)).toEqual(["skipped"]);
    expect(later?.children[0]?.attrs.message).toBe("wip");
    expect(testcases(root, "stable")[0]?.children).toEqual([]);
  });
});

describe("renderJUnit pytest (xunit2 with pytest-rerunfailures)", () => {
  const root = parseXml(renderJUnit("pytest", "pytest", CASES, AT));
  const suite = one(root, "testsuite");

  it("wraps one <testsuite> in <testsuites name='pytest tests'>, counting each test once", () => {
    expect(root.name).toBe("testsuites");
    expect(root.attrs).toEqual({ name: "pytest tests" });
    expect(suite.attrs).toMatchObject({
      name: "pytest",
      tests: "6",
      failures: "1",
      errors: "1",
      skipped: "1",
      timestamp: "2026-05-07T19:34:15.231000+00:00",
    });
    // 1 + 3 (flaky, 2 failed tries) + 2 (failed, 1 rerun) + 3 (error, 2 reruns) + 1 + 2
    expect(all(root, "testcase")).toHaveLength(12);
  });

  it("repeats a flaky test as empty testcases, one per try", () => {
    const flaky = testcases(root, "flaky");
    expect(flaky).toHaveLength(3);
    for (const testcase of flaky) {
      expect(testcase.children).toEqual([]);
      expect(testcase.attrs).toEqual({
        classname: "org.acme.ApiTest",
        name: "flaky",
        time: "0.040",
      });
    }
  });

  it("repeats a failed test, only the last try carrying <failure message>", () => {
    const broken = testcases(root, "broken");
    expect(broken.map(childNames)).toEqual([[], ["failure"]]);
    expect(broken[1]?.children[0]?.attrs.message).toBe(NASTY_CLEAN);
    expect(testcases(root, "connects").map(childNames)).toEqual([[], [], ["error"]]);
    expect(testcases(root, "later").map(childNames)).toEqual([["skipped"]]);
  });
});

describe("renderJUnit jest (jest-junit: no retry information)", () => {
  const root = parseXml(renderJUnit("jest", "api", CASES, AT));

  it("writes one testcase per test, a flaky one looking passed", () => {
    expect(root.name).toBe("testsuites");
    expect(root.attrs).toMatchObject({
      name: "jest tests",
      tests: "6",
      failures: "1",
      errors: "1",
    });
    expect(one(root, "testsuite").attrs).toMatchObject({
      name: "api",
      tests: "6",
      skipped: "1",
      timestamp: "2026-05-07T19:34:15",
    });
    const cases = all(root, "testcase");
    expect(cases).toHaveLength(6);
    expect(cases.map(childNames)).toEqual([[], [], ["failure"], ["error"], ["skipped"], []]);
    expect(cases[1]?.attrs).toEqual({
      classname: "org.acme.ApiTest flaky",
      name: "org.acme.ApiTest flaky",
      time: "0.04",
    });
    expect(all(root, "flakyFailure")).toEqual([]);
  });
});

describe("renderJUnit playwright (default junit reporter)", () => {
  const root = parseXml(renderJUnit("playwright", "api.spec.ts", CASES, AT));

  it("shows a flaky test as passed, its time the sum of all attempts", () => {
    expect(root.attrs).toMatchObject({ tests: "6", failures: "2", skipped: "1", errors: "0" });
    expect(one(root, "testsuite").attrs).toMatchObject({
      name: "api.spec.ts",
      timestamp: "2026-05-07T19:34:15.231Z",
    });
    const cases = all(root, "testcase");
    expect(cases.map(childNames)).toEqual([[], [], ["failure"], ["failure"], ["skipped"], []]);
    expect(cases[1]?.attrs.time).toBe("0.12"); // 3 attempts of 40 ms
    expect(cases[2]?.attrs.time).toBe("0.2");
    expect(cases[2]?.children[0]?.attrs.type).toBe("FAILURE");
    expect(cases[2]?.children[0]?.text).toContain("Retry #1");
    expect(all(root, "flakyFailure")).toEqual([]);
  });
});

// The real reports in shared/ (see its README): our output must have the same shape.
const FIXTURES = path.resolve(process.cwd(), "../shared/fixtures/github/junit");
const haveFixtures = existsSync(FIXTURES);
const skipNote = haveFixtures ? "" : ` (skipped: ${FIXTURES} is absent)`;

describe.skipIf(!haveFixtures)(`renderJUnit against the real reports${skipNote}`, () => {
  const read = (name: string) => parseXml(readFileSync(path.join(FIXTURES, name), "utf8"));

  it("surefire: same elements and attributes as Surefire's own flaky report", () => {
    const real = read("surefire-TEST-org.acme.FlakyTest.xml");
    const ours = parseXml(renderJUnit("surefire", "org.acme.FlakyTest", CASES, AT));
    expect(ours.name).toBe(real.name);
    for (const name of Object.keys(real.attrs)) expect(ours.attrs).toHaveProperty(name);
    const realTestcase = all(real, "testcase")[0];
    const ourTestcase = testcases(ours, "flaky")[0];
    expect(Object.keys(ourTestcase?.attrs ?? {})).toEqual(Object.keys(realTestcase?.attrs ?? {}));
    const realFlaky = one(real, "flakyFailure");
    const ourFlaky = one(ours, "flakyFailure");
    expect(Object.keys(ourFlaky.attrs)).toEqual(Object.keys(realFlaky.attrs));
    expect(childNames(ourFlaky)).toEqual(childNames(realFlaky).filter((n) => n === "stackTrace"));
    expect(childNames(real)[0]).toBe("properties");
    expect(childNames(ours)[0]).toBe("properties");
  });

  it("pytest: the same testcase sequence as pytest-rerunfailures produced for the same tests", () => {
    const real = read("pytest9-rerunfailures-generated.xml");
    const cases: TestCaseRun[] = [
      { classname: "test_flaky_demo", name: "test_stable", timeMs: 1, outcome: "passed" },
      {
        classname: "test_flaky_demo",
        name: "test_flaky_passes_on_second_try",
        timeMs: 1,
        outcome: "flaky",
        failedTries: 1,
      },
      {
        classname: "test_flaky_demo",
        name: "test_always_fails",
        timeMs: 1,
        outcome: "failed",
        failedTries: 2,
        message: "AssertionError: always fails\nassert False",
      },
    ];
    const ours = parseXml(renderJUnit("pytest", "pytest", cases, AT));
    const shape = (root: XmlElement) =>
      all(root, "testcase").map((t) => [t.attrs.classname, t.attrs.name, childNames(t)]);
    expect(shape(ours)).toEqual(shape(real));
    expect(ours.attrs).toEqual(real.attrs);
    const [realSuite, ourSuite] = [one(real, "testsuite"), one(ours, "testsuite")];
    expect(Object.keys(ourSuite.attrs)).toEqual(Object.keys(realSuite.attrs));
    for (const count of ["tests", "failures", "errors", "skipped"]) {
      expect(ourSuite.attrs[count]).toBe(realSuite.attrs[count]);
    }
    const realFailure = one(real, "failure");
    const ourFailure = one(ours, "failure");
    expect(ourFailure.attrs).toEqual(realFailure.attrs);
    expect(ourSuite.attrs.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    expect(realSuite.attrs.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
  });
});
