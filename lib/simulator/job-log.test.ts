import { describe, expect, it } from "vitest";
import { type LogJob, type LogStep, renderJobLog } from "./job-log.ts";
import { LOG_LINE, linesByStep, parseLog } from "./job-log-testing.ts";

const T0 = Date.parse("2026-05-07T19:34:10Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

/** A Date in the log's format, to compare timestamps as strings. */
function stamp(date: Date): string {
  return `${date.toISOString().slice(0, 23)}0000Z`;
}

const CACHE_KEY = "Linux-npm-0f1e2d3c4b5a";

const STEPS: LogStep[] = [
  { number: 1, name: "Set up job", startedAt: at(0), completedAt: at(2), conclusion: "success" },
  {
    number: 2,
    name: "Run actions/checkout@v4",
    uses: "actions/checkout@v4",
    startedAt: at(2),
    completedAt: at(3),
    conclusion: "success",
  },
  {
    number: 3,
    name: "Restore npm cache",
    uses: "actions/cache/restore@v4",
    with: { path: "~/.npm", key: CACHE_KEY, "restore-keys": "Linux-npm-\nLinux-\n" },
    startedAt: at(3),
    completedAt: at(5),
    conclusion: "success",
  },
  {
    number: 4,
    name: "Test",
    run: "npm ci\nnpm test -- --reporter=junit\n",
    startedAt: at(5),
    completedAt: at(65),
    conclusion: "failure",
    output: ["> api@1.0.0 test", "Tests: 1 failed, 41 passed, 42 total"],
  },
  {
    number: 5,
    name: "Deploy",
    run: "./deploy.sh --prod",
    startedAt: at(65),
    completedAt: at(65),
    conclusion: "skipped",
  },
  {
    number: 8,
    name: "Post Run actions/checkout@v4",
    post: true,
    startedAt: at(65),
    completedAt: at(66),
    conclusion: "success",
  },
  {
    number: 9,
    name: "Complete job",
    startedAt: at(66),
    completedAt: at(66),
    conclusion: "success",
  },
];

const JOB: LogJob = {
  name: "test (20.x)",
  runnerName: "GitHub Actions 1000007875",
  runnerVersion: "2.330.0",
  labels: ["ubuntu-latest"],
  steps: STEPS,
  repository: "acme/api",
};

describe("renderJobLog", () => {
  const log = renderJobLog(JOB);
  const lines = parseLog(log);
  const messages = lines.map(([, message]) => message);

  it("writes every line as `<7-digit UTC timestamp> <message>`, the first after a BOM", () => {
    expect(log.charCodeAt(0)).toBe(0xfeff);
    expect(log.slice(1)).toMatch(
      /^2026-05-07T19:34:1\d\.\d{7}Z Current runner version: '2\.330\.0'\n/,
    );
    expect(lines.length).toBeGreaterThan(60);
    for (const line of log.slice(1, -1).split("\n")) expect(line).toMatch(LOG_LINE);
  });

  it("never goes back in time, and keeps each step's lines inside the step's window", () => {
    const stamps = lines.map(([time]) => time);
    expect(stamps).toEqual([...stamps].sort());
    for (const [number, stepLines] of linesByStep(log, JOB)) {
      const step = STEPS.find((s) => s.number === number);
      if (!step) throw new Error(`no step ${number}`);
      for (const [time] of stepLines) {
        expect(time >= stamp(step.startedAt) && time <= stamp(step.completedAt)).toBe(true);
      }
    }
  });

  it("balances ##[group] and ##[endgroup] without nesting", () => {
    let depth = 0;
    for (const message of messages) {
      if (message.startsWith("##[group]")) depth++;
      if (message === "##[endgroup]") depth--;
      expect(depth === 0 || depth === 1).toBe(true);
    }
    expect(depth).toBe(0);
  });

  it("starts with the runner's preamble, downloading each action once", () => {
    const preamble = messages.slice(0, messages.indexOf("Complete job name: test (20.x)") + 1);
    for (const expected of [
      "##[group]Operating System",
      "Ubuntu",
      "##[group]Runner Image",
      "Image: ubuntu-24.04",
      "##[group]GITHUB_TOKEN Permissions",
      "Secret source: Actions",
      "Prepare workflow directory",
      "Prepare all required actions",
      "Getting action download info",
    ]) {
      expect(preamble).toContain(expected);
    }
    const downloads = preamble.filter((m) => m.startsWith("Download action repository"));
    expect(downloads).toHaveLength(2);
    expect(downloads[0]).toMatch(
      /^Download action repository 'actions\/checkout@v4' \(SHA:[0-9a-f]{40}\)$/,
    );
    expect(downloads[1]).toMatch(
      /^Download action repository 'actions\/cache@v4' \(SHA:[0-9a-f]{40}\)$/,
    );
  });

  it("opens each step with a group: `with:` inputs for actions, the script for run steps", () => {
    const restore = messages.indexOf("##[group]Run actions/cache/restore@v4");
    expect(messages.slice(restore, restore + 8)).toEqual([
      "##[group]Run actions/cache/restore@v4",
      "with:",
      "  path: ~/.npm",
      `  key: ${CACHE_KEY}`,
      "  restore-keys: Linux-npm-",
      "Linux-",
      "  enableCrossOsArchive: false",
      "  fail-on-cache-miss: false",
    ]);
    const test = messages.indexOf("##[group]Run npm ci");
    expect(messages.slice(test, test + 5)).toEqual([
      "##[group]Run npm ci",
      "\u001b[36;1mnpm ci\u001b[0m",
      "\u001b[36;1mnpm test -- --reporter=junit\u001b[0m",
      "shell: /usr/bin/bash -e {0}",
      "##[endgroup]",
    ]);
    expect(messages).toContain("  repository: acme/api");
  });

  it("ends a failed step with the exit code error, prints nothing for a skipped step", () => {
    const error = messages.indexOf("##[error]Process completed with exit code 1.");
    expect(messages[error - 1]).toBe("Tests: 1 failed, 41 passed, 42 total");
    expect(messages.filter((m) => m.startsWith("##[error]"))).toHaveLength(1);
    expect(log).not.toContain("deploy.sh");
  });

  it("runs post steps after the steps and cleans up orphan processes last", () => {
    const post = messages.indexOf("Post job cleanup.");
    expect(post).toBeGreaterThan(messages.indexOf("##[error]Process completed with exit code 1."));
    expect(messages[post + 1]).toBe("[command]/usr/bin/git version");
    expect(messages.at(-1)).toBe("Cleaning up orphan processes");
  });

  it("is deterministic", () => {
    expect(renderJobLog(JOB)).toBe(log);
  });

  it("prints the cancellation error for a cancelled step", () => {
    const cancelled = renderJobLog({
      ...JOB,
      steps: [{ ...(STEPS[3] as LogStep), conclusion: "cancelled", output: [] }],
    });
    expect(parseLog(cancelled).map(([, m]) => m)).toContain("##[error]The operation was canceled.");
  });

  it("adds the preamble and cleanup when the job has no Set up job / Complete job steps", () => {
    const job = { ...JOB, steps: STEPS.slice(1, 4) };
    const messages = parseLog(renderJobLog(job)).map(([, m]) => m);
    expect(messages[0]).toBe("Current runner version: '2.330.0'");
    expect(messages).toContain("Complete job name: test (20.x)");
    expect(messages.at(-1)).toBe("Cleaning up orphan processes");
  });

  it("describes a self-hosted runner by name instead of a hosted image", () => {
    const job = { ...JOB, labels: ["self-hosted", "linux"], runnerName: "build-01" };
    const messages = parseLog(renderJobLog(job)).map(([, m]) => m);
    expect(messages).toContain("Runner name: 'build-01'");
    expect(messages).not.toContain("##[group]Runner Image");
  });

  it("uses the runner's paths and shell on Windows and macOS", () => {
    const windows = renderJobLog({ ...JOB, labels: ["windows-latest"] });
    expect(windows).toContain("Working directory is 'D:\\a\\api\\api'");
    expect(windows).toContain("shell: C:\\Program Files\\PowerShell\\7\\pwsh.EXE");
    const macos = renderJobLog({ ...JOB, labels: ["macos-14"] });
    expect(macos).toContain("Working directory is '/Users/runner/work/api/api'");
    parseLog(windows);
    parseLog(macos);
  });

  it("renders an empty log for a job in which no step ran", () => {
    expect(renderJobLog({ ...JOB, steps: [{ ...(STEPS[4] as LogStep) }] })).toBe("");
  });
});
