// Discovery with conditional requests: each selector's first request (the repository, or the
// first page of the owner's list) carries the ETag of the last answer, and an unchanged answer
// (304, free) means the repositories stored for it are still the ones. The validators are
// stored only after the repositories are, so a 304 always has stored repositories behind it.
import "server-only";
import type { RepoSelector } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import type { GitHubClient } from "@/lib/github/client";
import { statusOf } from "@/lib/github/client";
import {
  apiUrl,
  type ConditionalResult,
  getIfChanged,
  storeValidators,
} from "@/lib/github/conditional";
import type { Validator } from "@/lib/github/etags";
import { type GitHubRepository, parseGitHub, repositorySchema } from "./github-schemas.ts";
import { discoverRepositories } from "./repositories.ts";

export type Discovered = {
  repos: GitHubRepository[];
  /** To store once the repositories are. */
  validators: { url: string; validator: Validator | null }[];
};

/** Stored repositories in GitHub's shape (what a 304 stands for). */
async function storedRepositories(db: Db, selector: RepoSelector): Promise<GitHubRepository[]> {
  const rows = await db.repository.findMany({
    where: {
      owner: { equals: selector.owner, mode: "insensitive" },
      ...(selector.repo === "*"
        ? { archived: false }
        : { name: { equals: selector.repo, mode: "insensitive" } }),
    },
  });
  return rows.map((r) => ({
    id: Number(r.id),
    name: r.name,
    full_name: r.fullName,
    owner: { login: r.owner },
    private: r.private,
    archived: r.archived,
    default_branch: r.defaultBranch,
    html_url: r.htmlUrl,
  }));
}

/** The selector's repositories, from GitHub, or from the database when GitHub says unchanged. */
export async function discoverSelector(
  db: Db,
  client: GitHubClient,
  selector: RepoSelector,
): Promise<Discovered> {
  const paths =
    selector.repo === "*"
      ? [`/orgs/${selector.owner}/repos`, `/users/${selector.owner}/repos`]
      : [`/repos/${selector.owner}/${selector.repo}`];
  for (const path of paths) {
    const query: Record<string, string | number> =
      selector.repo === "*"
        ? { per_page: 100, type: path.startsWith("/orgs") ? "all" : "owner" }
        : {};
    const url = apiUrl(client, path, query);
    let answer: ConditionalResult;
    try {
      answer = await getIfChanged(db, client, url);
    } catch (error: unknown) {
      if (statusOf(error) === 404 && path.startsWith("/orgs")) continue;
      break; // the unconditional path below reports the error in words
    }
    if (!answer.changed) {
      const stored = await storedRepositories(db, selector);
      if (stored.length > 0) return { repos: stored, validators: [] };
      break;
    }
    if (selector.repo !== "*") {
      const repo = parseGitHub(repositorySchema, answer.data, "repository");
      return { repos: [repo], validators: [{ url, validator: answer.validator }] };
    }
    if (answer.next) break; // more than a page: read them all below
    const repos = parseGitHub(repositorySchema.array(), answer.data, "repository list");
    return {
      repos: repos.filter((r) => !r.archived),
      validators: [{ url, validator: answer.validator }],
    };
  }
  return { repos: await discoverRepositories(client, [selector]), validators: [] };
}

export async function storeDiscoveryValidators(db: Db, discovered: Discovered[]): Promise<void> {
  await storeValidators(
    db,
    discovered.flatMap((d) => d.validators),
  );
}
