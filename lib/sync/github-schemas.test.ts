// GitHub's answers are untrusted: values PostgreSQL would refuse on write (a NUL in a string,
// year 0 or far-off times, numbers beyond a 32-bit column) are refused or cleaned here, at the
// boundary, instead of failing the write of a whole page (found by the webhook fuzz suite).
import { describe, expect, it } from "vitest";
import { jobSchema, stepSchema } from "./github-detail-schemas.ts";
import { parseGitHub, runSchema, timestamp } from "./github-schemas.ts";

const run = {
  id: 1,
  workflow_id: 2,
  run_number: 3,
  event: "push",
  status: "completed",
  conclusion: "success",
  head_sha: "abc",
  head_branch: "main",
  html_url: "https://github.com/acme/api/actions/runs/1",
  created_at: "2026-11-26T10:00:00Z",
  updated_at: "2026-11-26T10:05:00Z",
};

describe("GitHub values the database cannot store", () => {
  it.each([
    "0000-01-01T00:00:00Z",
    "-271821-04-20T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "1",
    "November 26, 2026",
  ])("refuses the time %s", (value) => {
    expect(timestamp.safeParse(value).success).toBe(false);
    expect(() => parseGitHub(runSchema, { ...run, created_at: value }, "run")).toThrow(
      /created_at not a date-time/,
    );
  });

  it.each(["2026-11-26T10:00:00Z", "2026-11-26T10:00:00.123+02:00", "0001-01-01T00:00:00Z"])(
    "takes the time %s",
    (value) => expect(timestamp.safeParse(value).success).toBe(true),
  );

  it("refuses numbers beyond a 32-bit column", () => {
    expect(() => parseGitHub(runSchema, { ...run, run_number: 2 ** 31 }, "run")).toThrow(
      /run_number/,
    );
    expect(() => parseGitHub(runSchema, { ...run, run_attempt: 2 ** 40 }, "run")).toThrow(
      /run_attempt/,
    );
    const step = { number: 2 ** 31, name: "s", status: "completed", conclusion: null };
    expect(stepSchema.safeParse(step).success).toBe(false);
    const job = { id: 1, run_id: 1, run_attempt: 2 ** 31, name: "j", status: "queued" };
    expect(jobSchema.safeParse({ ...job, conclusion: null, head_sha: "a" }).success).toBe(false);
  });

  it("replaces a NUL in any string, nested ones too", () => {
    const parsed = parseGitHub(
      runSchema,
      { ...run, head_branch: "ma\u0000in", head_commit: { message: "\u0000fix" } },
      "run",
    );
    expect(parsed.head_branch).toBe("ma\ufffdin");
    expect(parsed.head_commit?.message).toBe("\ufffdfix");
  });
});
