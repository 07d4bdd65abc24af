// What .github/workflows/ci.yml promises, checked without GitHub: the steps of `npm test` in
// jobs that wait for each other in that order, PostgreSQL as a health-checked service, actions
// pinned by commit SHA, the npm cache keyed on the lockfile, least privilege, timeouts, and the
// Playwright results kept when e2e fails.
import { parse } from "yaml";
import { z } from "zod";
import { PINNED_IMAGE } from "./dockerfile-checks.ts";

const step = z.object({
  uses: z.string().optional(),
  run: z.string().optional(),
  if: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
});
const job = z.object({
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  "timeout-minutes": z.number().optional(),
  services: z
    .record(z.string(), z.object({ image: z.string(), options: z.string().optional() }))
    .optional(),
  env: z.record(z.string(), z.string()).optional(),
  steps: z.array(step),
});
const workflow = z.object({
  permissions: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  concurrency: z.object({ group: z.string() }).optional(),
  env: z.record(z.string(), z.string()).optional(),
  jobs: z.record(z.string(), job),
});

type Workflow = z.infer<typeof workflow>;
type Job = z.infer<typeof job>;

/** Parses a workflow's text (throws when it is not YAML of the expected shape). */
export function parseWorkflow(text: string): Workflow {
  return workflow.parse(parse(text));
}

/** The commands of `npm test` (`npm run lint && npm run typecheck && ...`), in order. */
export function npmTestCommands(testScript: string): string[] {
  return testScript.split("&&").map((command) => command.trim());
}

const needsOf = (j: Job | undefined) => [j?.needs ?? []].flat();

/** Whether job `later` waits (directly or not) for job `earlier`. */
function waitsFor(jobs: Workflow["jobs"], later: string, earlier: string): boolean {
  const seen = new Set<string>();
  const queue = needsOf(jobs[later]);
  while (queue.length) {
    const name = queue.shift() ?? "";
    if (name === earlier) return true;
    if (!seen.has(name)) queue.push(...needsOf(jobs[name]));
    seen.add(name);
  }
  return false;
}

/** The job with a step running `command` (extra arguments after ` -- ` allowed). */
function jobRunning(jobs: Workflow["jobs"], command: string): string | undefined {
  const runs = (s: z.infer<typeof step>) =>
    (s.run ?? "").split("\n").some((line) => line.trim().split(" -- ")[0]?.trim() === command);
  return Object.keys(jobs).find((name) => jobs[name]?.steps.some(runs));
}

function checkOrder(flow: Workflow, testScript: string): string[] {
  const problems: string[] = [];
  const commands = [...npmTestCommands(testScript)];
  commands.splice(-1, 0, "npm run build"); // the build is its own stage, before e2e
  const jobs = commands.map((command) => jobRunning(flow.jobs, command));
  commands.forEach((command, index) => {
    const name = jobs[index];
    const previous = jobs[index - 1];
    if (!name) problems.push(`no job runs \`${command}\``);
    else if (index > 0 && previous && !waitsFor(flow.jobs, name, previous))
      problems.push(`job ${name} (\`${command}\`) does not wait for job ${previous}`);
  });
  return problems;
}

function checkSteps(flow: Workflow, lines: string[], nodeVersion: string | undefined): string[] {
  const problems: string[] = [];
  for (const line of lines.filter((l) => /^\s*-?\s*uses:/.test(l)))
    if (!/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d/.test(line))
      problems.push(`not pinned by commit SHA (with its version in a comment): ${line.trim()}`);
  for (const line of lines.filter((l) => /\bdocker run\b/.test(l)))
    if (!/ [\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}( |$)/.test(line))
      problems.push(`docker run of an image not pinned by digest: ${line.trim()}`);
  for (const [name, j] of Object.entries(flow.jobs)) {
    if (!j["timeout-minutes"]) problems.push(`job ${name}: no timeout-minutes`);
    const runs = j.steps.map((s) => s.run ?? "").join("\n");
    if (/\bnpm (install|i)\b/.test(runs))
      problems.push(`job ${name}: npm install instead of npm ci`);
    if (/\bnpm run\b/.test(runs) && !/\bnpm ci\b/.test(runs))
      problems.push(`job ${name}: runs npm scripts without \`npm ci\``);
    for (const s of j.steps.filter((s) => s.uses?.startsWith("actions/setup-node@"))) {
      if (s.with?.cache !== "npm") problems.push(`job ${name}: setup-node without cache: npm`);
      const version = String(s.with?.["node-version"] ?? "").replace(
        /^\$\{\{\s*env\.(\w+)\s*\}\}$/,
        (_, key: string) => flow.env?.[key] ?? "",
      );
      if (nodeVersion && version !== nodeVersion)
        problems.push(`job ${name}: Node ${version || "(unset)"}, the image has ${nodeVersion}`);
    }
  }
  return problems;
}

function checkJobs(flow: Workflow): string[] {
  const problems: string[] = [];
  const integration = flow.jobs[jobRunning(flow.jobs, "npm run test:integration") ?? ""];
  const postgres = Object.values(integration?.services ?? {}).find((s) =>
    s.image.startsWith("postgres:"),
  );
  if (!postgres) problems.push("integration: no PostgreSQL service");
  else {
    if (!PINNED_IMAGE.test(postgres.image)) problems.push("integration: PostgreSQL is not pinned");
    if (!/--health-cmd\b.*pg_isready/.test(postgres.options ?? ""))
      problems.push("integration: PostgreSQL has no health check (tests could start before it)");
  }
  if (!integration?.env?.TEST_DATABASE_URL) problems.push("integration: TEST_DATABASE_URL unset");
  const e2e = flow.jobs[jobRunning(flow.jobs, "npm run test:e2e") ?? ""];
  const upload = e2e?.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
  if (!upload || !/failure\(\)/.test(upload.if ?? ""))
    problems.push("e2e: the Playwright results are not uploaded when it fails");
  return problems;
}

function checkPermissions(flow: Workflow): string[] {
  const { permissions } = flow;
  if (permissions === undefined) return ["no top-level permissions: the token gets the defaults"];
  const scopes = typeof permissions === "string" ? { all: permissions } : permissions;
  return Object.entries(scopes)
    .filter(([, level]) => !["read", "none"].includes(level))
    .map(([scope, level]) => `permissions: ${scope}: ${level} is more than CI needs`);
}

/**
 * Every problem found in the workflow's text; empty when it keeps its promises. `testScript` is
 * package.json's `test` script; `nodeVersion` the Dockerfile's Node.
 */
export function checkWorkflow(text: string, testScript: string, nodeVersion?: string): string[] {
  const flow = parseWorkflow(text);
  return [
    ...checkPermissions(flow),
    ...(flow.concurrency ? [] : ["no concurrency group: runs of one branch pile up"]),
    ...checkOrder(flow, testScript),
    ...checkSteps(flow, text.split("\n"), nodeVersion),
    ...checkJobs(flow),
  ];
}
