// The fault plan (`--faults`): what goes wrong, how often, on which endpoints. Used by the
// ingestion reliability tests: the final database must not depend on any of it.
//
// Spec: comma-separated `<endpoints>:<fault>=<value>` entries, endpoints being a group below
// or `*`, faults being `5xx`, `hang`, `truncate`, `badjson`, `secondary` (shares from 0 to 1);
// malformed content (malformed.ts): `nulls`, `wrongtypes`, `missing` on JSON answers, `hugelog`
// and `badutf8` on job logs, `zipbomb` and `deepxml` on artifact downloads;
// plus `exhaust-after=<n>` (the budget runs out suddenly after n requests, once) and
// `retry-after=<seconds>` (for secondary limits; GitHub sends 60).
// Example: `*:5xx=0.1,jobs:hang=0.02,logs:truncate=0.05,runs:badjson=0.02,exhaust-after=200`
import { Random } from "../random.ts";
import { ARTIFACT_FAULTS, JSON_FAULTS, LOG_FAULTS } from "./malformed.ts";

export const GROUPS = [
  "repos",
  "workflows",
  "runs",
  "jobs",
  "logs",
  "artifacts",
  "caches",
  "deployments",
] as const;
export type Group = (typeof GROUPS)[number];
const KINDS = [
  "5xx",
  "hang",
  "truncate",
  "badjson",
  "secondary",
  ...JSON_FAULTS,
  ...LOG_FAULTS,
  ...ARTIFACT_FAULTS,
] as const;
export type FaultKind = (typeof KINDS)[number];

export type FaultPlan = {
  rules: { group: Group | "*"; kind: FaultKind; share: number }[];
  exhaustAfter?: number;
  retryAfterSeconds: number;
};

export class FaultSpecError extends Error {}

/** Parses a `--faults` spec; throws FaultSpecError naming the bad entry. */
export function parseFaultSpec(spec: string): FaultPlan {
  const plan: FaultPlan = { rules: [], retryAfterSeconds: 60 };
  for (const entry of spec
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const global = /^(exhaust-after|retry-after)=(\d+)$/.exec(entry);
    if (global) {
      if (global[1] === "exhaust-after") plan.exhaustAfter = Number(global[2]);
      else plan.retryAfterSeconds = Number(global[2]);
      continue;
    }
    const match = /^([a-z*]+):([a-z0-9]+)=([0-9.]+)$/.exec(entry);
    const group = match?.[1] as Group | "*" | undefined;
    const kind = match?.[2] as FaultKind | undefined;
    const share = Number(match?.[3]);
    if (
      !match ||
      !group ||
      !kind ||
      (group !== "*" && !GROUPS.includes(group)) ||
      !KINDS.includes(kind) ||
      !(share >= 0 && share <= 1)
    ) {
      throw new FaultSpecError(
        `bad fault "${entry}": expected <${["*", ...GROUPS].join("|")}>:<${KINDS.join("|")}>=<0..1>, exhaust-after=<n> or retry-after=<s>`,
      );
    }
    plan.rules.push({ group, kind, share });
  }
  return plan;
}

/** Which group an API path belongs to, for the fault plan. */
export function groupOf(pathname: string): Group | null {
  if (/\/actions\/jobs\/\d+\/logs$|^\/_sim\/blobs\/logs\//.test(pathname)) return "logs";
  if (/\/jobs(\/\d+)?$/.test(pathname)) return "jobs";
  if (/\/artifacts|^\/_sim\/blobs\/artifacts\//.test(pathname)) return "artifacts";
  if (/\/actions\/(workflows\/[^/]+\/)?runs/.test(pathname)) return "runs";
  if (/\/actions\/workflows/.test(pathname)) return "workflows";
  if (/\/actions\/cache/.test(pathname)) return "caches";
  if (/\/deployments/.test(pathname)) return "deployments";
  if (/^\/(repos\/[^/]+\/[^/]+|repositories\/\d+)$|^\/(orgs|users)\/[^/]+\/repos$/.test(pathname))
    return "repos";
  return null;
}

/** Draws faults from a plan, deterministically for a given seed and request order. */
export class FaultInjector {
  private readonly random: Random;
  private requests = 0;
  private exhausted = false;

  constructor(
    readonly plan: FaultPlan,
    seed: number,
  ) {
    this.random = new Random(seed ^ 0x5eed);
  }

  /** The fault for the next request to `group`, if any. */
  next(group: Group | null): FaultKind | null {
    this.requests++;
    for (const rule of this.plan.rules) {
      if (rule.group !== "*" && rule.group !== group) continue;
      if (group === null && rule.group === "*" && rule.kind !== "5xx") continue;
      if (this.random.next() < rule.share) return rule.kind;
    }
    return null;
  }

  /** A number in [0, n), from the plan's own random source (deterministic, like the faults). */
  pick(n: number): number {
    return this.random.int(0, n - 1);
  }

  /** True once, when the request count passes `exhaust-after`. */
  shouldExhaust(): boolean {
    if (
      this.exhausted ||
      this.plan.exhaustAfter === undefined ||
      this.requests < this.plan.exhaustAfter
    )
      return false;
    this.exhausted = true;
    return true;
  }
}
