// Hand-made data for the metrics tests: a repository, its workflows, and runs described by
// what matters to a definition (times in minutes from a fixed instant, conclusions, jobs).
import type { Db } from "@/lib/db/client";

export const T0 = new Date("2026-11-26T12:00:00Z");
/** `m` minutes after (negative: before) T0. */
export const at = (m: number) => new Date(T0.getTime() + m * 60_000);

let nextId = 1000;

export async function seedRepo(db: Db, opts: { id?: number; defaultBranch?: string } = {}) {
  const id = opts.id ?? nextId++;
  await db.repository.create({
    data: {
      id: BigInt(id),
      owner: "acme",
      name: `r${id}`,
      fullName: `acme/r${id}`,
      defaultBranch: opts.defaultBranch ?? "main",
      htmlUrl: `https://github.com/acme/r${id}`,
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
  branch?: string;
  sha?: string;
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
      event: "push",
      status,
      conclusion: spec.conclusion,
      headSha: spec.sha ?? `sha${id}`,
      headBranch: spec.branch ?? "main",
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
      },
    });
  }
  return id;
}
