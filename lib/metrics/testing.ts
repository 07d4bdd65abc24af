// Hand-made data for the metrics tests: a repository, its workflows, and runs described by
// what matters to a definition (times in minutes from a fixed instant, conclusions, jobs).
import type { Db } from "@/lib/db/client";
import { keepRunDays, runDayOf, runDaysOf } from "./run-days.ts";
import { refreshRunSummaries } from "./run-summaries.ts";
import { refreshShaShared } from "./sha-shared.ts";

export const T0 = new Date("2026-11-26T12:00:00Z");
/** `m` minutes after (negative: before) T0. */
export const at = (m: number) => new Date(T0.getTime() + m * 60_000);

let nextId = 1000;

export async function seedRepo(
  db: Db,
  opts: { id?: number; defaultBranch?: string; tracked?: boolean } = {},
) {
  const id = opts.id ?? nextId++;
  await db.repository.create({
    data: {
      id: BigInt(id),
      owner: "acme",
      name: `r${id}`,
      fullName: `acme/r${id}`,
      defaultBranch: opts.defaultBranch ?? "main",
      htmlUrl: `https://github.com/acme/r${id}`,
      ...(opts.tracked === undefined ? {} : { tracked: opts.tracked }),
    },
  });
  return id;
}

export async function seedWorkflow(
  db: Db,
  repoId: number,
  name = "CI",
  path = ".github/workflows/ci.yml",
) {
  const id = nextId++;
  await db.workflow.create({
    data: {
      id: BigInt(id),
      repoId: BigInt(repoId),
      name,
      path,
      state: "active",
      createdAt: at(-100_000),
      updatedAt: at(-100_000),
    },
  });
  return id;
}

export type RunSpec = {
  /** Minutes from T0 when the run was created. */
  created: number;
  conclusion: string | null;
  status?: string;
  /** Minutes the latest attempt ran (run_started_at to updated_at). */
  minutes?: number;
  /** Default `main`; null: a run without a branch. */
  branch?: string | null;
  sha?: string;
  /** false: what the sync keeps on the run left uncomputed (NULL), as before its details. */
  summaries?: boolean;
  /** GitHub's event (default `push`). */
  event?: string;
  attempt?: number;
  /** Earlier attempts' conclusions, oldest first. */
  earlier?: string[];
  /** Jobs: queue and run minutes, conclusion, attempt (default: the latest). */
  jobs?: {
    queue: number | null;
    conclusion: string;
    attempt?: number;
    name?: string;
    /** Minutes after the run's creation when the job completed (default 10). */
    done?: number;
    htmlUrl?: string;
  }[];
};

export async function seedRun(db: Db, repoId: number, workflowId: number, spec: RunSpec) {
  const id = nextId++;
  const attempt = spec.attempt ?? (spec.earlier?.length ?? 0) + 1;
  const started = at(spec.created + 1);
  const status = spec.status ?? (spec.conclusion === null ? "in_progress" : "completed");
  await db.workflowRun.create({
    data: {
      id: BigInt(id),
      repoId: BigInt(repoId),
      workflowId: BigInt(workflowId),
      runNumber: id,
      runAttempt: attempt,
      event: spec.event ?? "push",
      status,
      conclusion: spec.conclusion,
      headSha: spec.sha ?? `sha${id}`,
      headBranch: spec.branch === undefined ? "main" : spec.branch,
      htmlUrl: `https://github.com/acme/r/actions/runs/${id}`,
      createdAt: at(spec.created),
      runStartedAt: started,
      updatedAt: at(spec.created + 1 + (spec.minutes ?? 5)),
      detailsAttempt: attempt,
    },
  });
  const conclusions = [...(spec.earlier ?? []), spec.conclusion];
  for (const [i, conclusion] of conclusions.entries()) {
    await db.runAttempt.create({
      data: {
        runId: BigInt(id),
        attempt: i + 1,
        status: i + 1 < attempt ? "completed" : status,
        conclusion,
        createdAt: at(spec.created + i * 30),
        runStartedAt: at(spec.created + i * 30 + 1),
        updatedAt: at(spec.created + i * 30 + 1 + (spec.minutes ?? 5)),
      },
    });
  }
  for (const [i, job] of (spec.jobs ?? []).entries()) {
    const created = at(spec.created + 1);
    await db.job.create({
      data: {
        id: BigInt(id * 100 + i),
        runId: BigInt(id),
        workflowId: BigInt(workflowId),
        runCreatedAt: at(spec.created),
        runAttempt: job.attempt ?? attempt,
        name: job.name ?? `job${i}`,
        status: "completed",
        conclusion: job.conclusion,
        headSha: spec.sha ?? `sha${id}`,
        createdAt: created,
        startedAt: job.queue === null ? null : new Date(created.getTime() + job.queue * 60_000),
        completedAt: at(spec.created + (job.done ?? 10)),
        htmlUrl: job.htmlUrl ?? null,
      },
    });
  }
  // As saveRuns and saveRunDetails do when they store a run and its jobs (sha-shared.ts,
  // run-summaries.ts, run-days.ts).
  const flipped = await refreshShaShared(db, [{ workflowId, headSha: spec.sha ?? `sha${id}` }]);
  if (spec.summaries !== false) await refreshRunSummaries(db, [id]);
  const branch = spec.branch === undefined ? "main" : spec.branch;
  await keepRunDays(db, [...runDayOf(workflowId, branch, at(spec.created)), ...runDaysOf(flipped)]);
  return id;
}

// ---------------------------------------------------------------- test results and flags

/** One test result of run `runId` (its repository, workflow, SHA and time), in its own artifact. */
export async function seedTestResult(
  db: Db,
  runId: number,
  test: {
    suite?: string;
    name: string;
    outcome: "passed" | "failed" | "error" | "skipped" | "flaky";
  },
) {
  const run = await db.workflowRun.findUniqueOrThrow({ where: { id: BigInt(runId) } });
  const artifactId = BigInt(nextId++);
  await db.artifact.create({
    data: { id: artifactId, repoId: run.repoId, runId: run.id, name: "junit", sizeInBytes: 1n },
  });
  await db.testResult.create({
    data: {
      repoId: run.repoId,
      runId: run.id,
      workflowId: run.workflowId,
      runCreatedAt: run.createdAt,
      artifactId,
      seq: 0,
      headSha: run.headSha,
      suite: test.suite ?? "S",
      name: test.name,
      outcome: test.outcome,
      retries: test.outcome === "flaky" ? 1 : 0,
    },
  });
}

export type FlagSpec = {
  kind?: "slow" | "deploy_stalled" | "deploy_skipped" | "workflow_disabled" | "stale_data";
  severity: "warning" | "critical";
  /** Null (the default) for a repository-wide flag. */
  workflowId?: number | null;
  since?: Date;
  openedAt?: Date;
  /** Resolved then; open when absent. */
  resolvedAt?: Date;
  message?: string;
};

/** A flag as applyFlags stores it (open flags hold their open key); returns its id. */
export async function seedFlag(db: Db, repoId: number, spec: FlagSpec) {
  const kind = spec.kind ?? (spec.workflowId ? "slow" : "stale_data");
  const workflowId = spec.workflowId ?? null;
  const target = workflowId === null ? `repo-${repoId}` : String(workflowId);
  const flag = await db.flag.create({
    data: {
      kind,
      severity: spec.severity,
      repoId: BigInt(repoId),
      workflowId: workflowId === null ? null : BigInt(workflowId),
      openKey: spec.resolvedAt ? null : `${kind}:${target}`,
      message: spec.message ?? `${kind} (${spec.severity})`,
      detail: { seeded: true },
      since: spec.since ?? at(-60),
      openedAt: spec.openedAt ?? spec.since ?? at(-60),
      lastSeenAt: spec.resolvedAt ?? spec.openedAt ?? at(-60),
      resolvedAt: spec.resolvedAt ?? null,
    },
  });
  return Number(flag.id);
}
