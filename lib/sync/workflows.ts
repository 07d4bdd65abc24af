// A repository's workflows with their state (active, disabled_inactivity, ...). GitHub's own
// "dynamic" workflows (Dependabot, CodeQL, Copilot: paths outside .github/workflows) are left
// out unless asked for.
import "server-only";
import { z } from "zod";
import { Prisma } from "@/lib/db/generated/client";
import type { GitHubClient } from "@/lib/github/client";
import {
  apiUrl,
  type DbOrTx,
  getConditional,
  getIfChanged,
  storeValidators,
} from "@/lib/github/conditional";
import type { SyncContext, SyncRepo } from "./context.ts";
import { type GitHubWorkflow, parseGitHub, workflowSchema } from "./github-schemas.ts";

/** Whether a workflow is one of GitHub's generated ones rather than a file in the repository. */
export function isDynamicWorkflow(path: string): boolean {
  return !path.startsWith(".github/workflows/");
}

/** GitHub's workflow list items, validated; the dynamic ones only when `includeDynamic`. */
function parseWorkflows(items: unknown[], includeDynamic: boolean): GitHubWorkflow[] {
  return items
    .map((item) => parseGitHub(workflowSchema, item, "workflow"))
    .filter((workflow) => includeDynamic || !isDynamicWorkflow(workflow.path));
}

/** Every workflow of a repository, unconditionally (tests and one-off reads). */
export async function fetchWorkflows(
  client: GitHubClient,
  repo: { owner: string; name: string },
  options: { includeDynamic?: boolean } = {},
): Promise<GitHubWorkflow[]> {
  const raw: unknown[] = await client.paginate(client.rest.actions.listRepoWorkflows, {
    owner: repo.owner,
    repo: repo.name,
    per_page: 100,
  });
  return parseWorkflows(raw, options.includeDynamic ?? false);
}

/** Stores a repository's workflows idempotently (their per-pipeline settings are kept). */
export async function saveWorkflows(
  db: DbOrTx,
  repoId: number,
  workflows: GitHubWorkflow[],
): Promise<void> {
  if (workflows.length === 0) return;
  const rows = workflows.map(
    (w) =>
      Prisma.sql`(${BigInt(w.id)}, ${BigInt(repoId)}, ${w.name}, ${w.path}, ${w.state}, ${w.html_url ?? null}, ${new Date(w.created_at)}, ${new Date(w.updated_at)}, now())`,
  );
  await db.$executeRaw`
    INSERT INTO workflows (id, repo_id, name, path, state, html_url, created_at, updated_at, synced_at)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (id) DO UPDATE SET
      repo_id = EXCLUDED.repo_id, name = EXCLUDED.name, path = EXCLUDED.path, state = EXCLUDED.state,
      html_url = EXCLUDED.html_url, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at,
      synced_at = now()`;
}

const workflowListSchema = z.object({ workflows: z.array(z.unknown()) });

/**
 * Reads the workflows conditionally (an unchanged list is a free 304) and stores them with the
 * list's ETag in one transaction. Returns whether anything changed.
 */
export async function syncWorkflows(ctx: SyncContext, repo: SyncRepo): Promise<boolean> {
  const url = apiUrl(ctx.client, `/repos/${repo.owner}/${repo.name}/actions/workflows`, {
    per_page: 100,
  });
  const answer = await getIfChanged(ctx.db, ctx.client, url);
  if (!answer.changed) return false;
  const items = [...parseGitHub(workflowListSchema, answer.data, "workflow list").workflows];
  for (let next = answer.next; next; ) {
    const more = await getConditional(ctx.client, next, null);
    if (!more.changed) break;
    items.push(...parseGitHub(workflowListSchema, more.data, "workflow list").workflows);
    next = more.next;
  }
  const workflows = parseWorkflows(items, ctx.options.includeDynamicWorkflows);
  await ctx.db.$transaction(async (tx) => {
    await saveWorkflows(tx, repo.id, workflows);
    await storeValidators(tx, [{ url, validator: answer.validator }]);
  });
  return true;
}
