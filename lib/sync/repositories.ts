// Which repositories to sync: PIPEWATCH_REPOS entries (owner/repo, and owner/* for all of an
// owner's non-archived repositories), fetched from GitHub and stored.
import "server-only";
import type { RepoSelector } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { type GitHubClient, statusOf } from "@/lib/github/client";
import { type GitHubRepository, parseGitHub, repositorySchema } from "./github-schemas.ts";

export class RepositoryNotFoundError extends Error {}

/** Every repository `owner/*` names: an organisation's, else a user's; archived ones left out. */
async function listOwnerRepositories(
  client: GitHubClient,
  owner: string,
): Promise<GitHubRepository[]> {
  let raw: unknown[];
  try {
    raw = await client.paginate(client.rest.repos.listForOrg, {
      org: owner,
      per_page: 100,
      type: "all",
    });
  } catch (error: unknown) {
    if (statusOf(error) !== 404) throw error;
    try {
      raw = await client.paginate(client.rest.repos.listForUser, {
        username: owner,
        per_page: 100,
        type: "owner",
      });
    } catch (inner: unknown) {
      if (statusOf(inner) === 404)
        throw new RepositoryNotFoundError(
          `GitHub knows no organisation or user "${owner}" (or the token cannot see it)`,
        );
      throw inner;
    }
  }
  return raw
    .map((item) => parseGitHub(repositorySchema, item, "repository"))
    .filter((repo) => !repo.archived);
}

/** The repositories the selectors name, each once, in a stable order. */
export async function discoverRepositories(
  client: GitHubClient,
  selectors: RepoSelector[],
): Promise<GitHubRepository[]> {
  const found = new Map<number, GitHubRepository>();
  for (const selector of selectors) {
    if (selector.repo === "*") {
      for (const repo of await listOwnerRepositories(client, selector.owner))
        found.set(repo.id, repo);
      continue;
    }
    try {
      const { data } = await client.rest.repos.get({ owner: selector.owner, repo: selector.repo });
      const repo = parseGitHub(repositorySchema, data, "repository");
      found.set(repo.id, repo);
    } catch (error: unknown) {
      if (statusOf(error) === 404)
        throw new RepositoryNotFoundError(
          `GitHub has no repository ${selector.owner}/${selector.repo} (or the token cannot see it)`,
        );
      throw error;
    }
  }
  return [...found.values()].sort((a, b) => a.full_name.localeCompare(b.full_name));
}

/**
 * Stores the repositories (idempotently) and, unless `untrackOthers` is false (a sync limited
 * to some repositories), marks the ones no longer selected as untracked.
 */
export async function saveRepositories(
  db: Db,
  repos: GitHubRepository[],
  options: { untrackOthers?: boolean } = {},
): Promise<void> {
  await db.$transaction(async (tx) => {
    if (repos.length > 0) {
      const rows = repos.map(
        (r) =>
          Prisma.sql`(${BigInt(r.id)}, ${r.owner.login}, ${r.name}, ${r.full_name}, ${r.default_branch ?? "main"}, ${r.archived}, ${r.private}, ${r.html_url}, true, now())`,
      );
      await tx.$executeRaw`
        INSERT INTO repositories (id, owner, name, full_name, default_branch, archived, private, html_url, tracked, synced_at)
        VALUES ${Prisma.join(rows)}
        ON CONFLICT (id) DO UPDATE SET
          owner = EXCLUDED.owner, name = EXCLUDED.name, full_name = EXCLUDED.full_name,
          default_branch = EXCLUDED.default_branch, archived = EXCLUDED.archived,
          private = EXCLUDED.private, html_url = EXCLUDED.html_url, tracked = true, synced_at = now()`;
    }
    if (options.untrackOthers === false) return;
    const ids = repos.map((r) => BigInt(r.id));
    await tx.$executeRaw`
      UPDATE repositories SET tracked = false, synced_at = now()
       WHERE tracked AND NOT (id = ANY(${ids}::bigint[]))`;
  });
}
