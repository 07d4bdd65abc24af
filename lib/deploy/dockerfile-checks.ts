// What the Dockerfile promises (README "Deploying with Docker"), checked without a Docker
// engine: dockerfile-utils' validator for the syntax, then the promises one by one. Each check
// returns the problems it finds; deploy-files.test.ts runs them on the real files.
import { validate } from "dockerfile-utils";
import { VARIABLES } from "@/lib/config-variables";

export type Instruction = { keyword: string; args: string; line: number };
export type Stage = { name: string; base: string; instructions: Instruction[] };

/** An image reference pinned by digest: name[:tag]@sha256:<64 hex>. */
export const PINNED_IMAGE = /^[\w./-]+(:[\w.-]+)?@sha256:[0-9a-f]{64}$/;

const SECRET_NAMES = new Set(
  Object.entries(VARIABLES)
    .filter(([, variable]) => "secret" in variable && variable.secret === true)
    .map(([name]) => name),
);

/** The instructions, continuation lines joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = "";
  let start = 0;
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line.startsWith("#") || (!pending && line === "")) return;
    if (!pending) start = index + 1;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      return;
    }
    const [keyword = "", ...rest] = `${pending}${line}`.split(/\s+/);
    pending = "";
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(" "), line: start });
  });
  return instructions;
}

/** `A=1 B="2"` (ENV, ARG) as name/value pairs. */
function assignments(args: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=("[^"]*"|\S*))?/g)) {
    pairs.set(match[1] ?? "", (match[2] ?? "").replace(/^"|"$/g, ""));
  }
  return pairs;
}

/** The build stages; a stage built FROM an earlier one gets that one's base image. */
export function stagesOf(instructions: Instruction[]): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "FROM") {
      const [image = "", , name = ""] = instruction.args.split(/\s+/);
      const base = stages.find((stage) => stage.name === image)?.base ?? image;
      stages.push({ name, base, instructions: [] });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** The Node version of the base image (`node:20.20.2-bookworm-slim@...` gives 20.20.2). */
export function nodeVersionOf(stage: Stage | undefined): string | undefined {
  return /^node:(\d+\.\d+\.\d+)-/.exec(stage?.base ?? "")?.[1];
}

function has(stage: Stage | undefined, keyword: string, pattern: RegExp): boolean {
  return !!stage?.instructions.some((i) => i.keyword === keyword && pattern.test(i.args));
}

function checkStages(stages: Stage[]): string[] {
  const problems: string[] = [];
  const names = stages.map((stage) => stage.name).join(" -> ");
  if (names !== "base -> deps -> build -> runtime")
    problems.push(`stages are "${names}", expected "base -> deps -> build -> runtime"`);
  for (const stage of stages)
    if (!PINNED_IMAGE.test(stage.base))
      problems.push(`stage ${stage.name}: base image "${stage.base}" is not pinned by digest`);
  const [, deps, build, runtime] = stages;
  if (!has(deps, "RUN", /\bnpm ci\b/)) problems.push("deps: no `npm ci` (the lockfile install)");
  if (!has(deps, "COPY", /\bpackage-lock\.json\b/))
    problems.push("deps: the lockfile is not copied");
  if (!has(build, "RUN", /node bin\/prisma-generate\.mjs/))
    problems.push("build: the Prisma client is not generated with bin/prisma-generate.mjs");
  if (!has(build, "RUN", /\bnpm run build\b/)) problems.push("build: no `npm run build`");
  if (!has(build, "ENV", /\bPIPEWATCH_STANDALONE=1\b/))
    problems.push("build: PIPEWATCH_STANDALONE=1 is not set (no standalone output)");
  for (const path of [".next/standalone", ".next/static", "prisma/migrations"])
    if (!has(runtime, "COPY", new RegExp(`--from=build /app/${path.replace(".", "\\.")}\\s`)))
      problems.push(`runtime: ${path} is not copied from the build stage`);
  return problems;
}

function checkRuntime(runtime: Stage | undefined): string[] {
  const problems: string[] = [];
  const instructions = runtime?.instructions ?? [];
  const users = instructions.filter((i) => i.keyword === "USER");
  const user = users.at(-1)?.args.split(":")[0];
  if (!user || user === "root" || user === "0") problems.push("runtime: runs as root (no USER)");
  const cmd = instructions.findLast((i) => i.keyword === "CMD");
  if (!cmd || !/"server\.js"/.test(cmd.args)) problems.push("runtime: CMD does not run server.js");
  if (cmd && users.length && (users.at(-1)?.line ?? 0) > cmd.line)
    problems.push("runtime: USER comes after CMD");
  if (!has(runtime, "HEALTHCHECK", /^(--\S+\s+)*CMD\b.*\/api\/health/))
    problems.push("runtime: no HEALTHCHECK on /api/health");
  if (!has(runtime, "ENV", /\bHOSTNAME=0\.0\.0\.0\b/))
    problems.push(
      "runtime: HOSTNAME=0.0.0.0 is not set (the server would listen on the container id)",
    );
  return problems;
}

function checkSecrets(instructions: Instruction[]): string[] {
  const problems: string[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === "ENV" || instruction.keyword === "ARG")
      for (const name of assignments(instruction.args).keys())
        if (SECRET_NAMES.has(name))
          problems.push(
            `line ${instruction.line}: ${name} is a secret and is baked into the image`,
          );
    if (
      (instruction.keyword === "COPY" || instruction.keyword === "ADD") &&
      /(^|\s|\/)\.env(\s|$)/.test(instruction.args)
    )
      problems.push(`line ${instruction.line}: copies a .env file into the image`);
  }
  return problems;
}

/** Every problem found in a Dockerfile's text; empty when it keeps its promises. */
export function checkDockerfile(text: string): string[] {
  const syntax = validate(text).map(
    (diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`,
  );
  const instructions = parseDockerfile(text);
  const stages = stagesOf(instructions);
  return [
    ...syntax,
    ...checkStages(stages),
    ...checkRuntime(stages.at(-1)),
    ...checkSecrets(instructions),
  ];
}

/** Problems with .dockerignore: what must never reach the build context. */
export function checkDockerignore(text: string): string[] {
  const entries = new Set(text.split("\n").map((line) => line.trim()));
  return [".env", ".env.*", ".git", "node_modules", ".next", ".pipewatch"]
    .filter((entry) => !entries.has(entry))
    .map((entry) => `.dockerignore does not exclude ${entry}`);
}
