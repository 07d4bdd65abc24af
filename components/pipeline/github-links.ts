// Links to GitHub for a pipeline: taken from a run's html_url where there is one, so a GitHub
// Enterprise Server's address is kept; github.com otherwise.

/** The repository's web address: before `/actions/runs/` in a run's URL, else on github.com. */
export function repoUrl(repo: string, runUrl?: string | null): string {
  const match = runUrl ? /^(https?:\/\/.+?)\/actions\/runs\/\d+/.exec(runUrl) : null;
  return match?.[1] ?? `https://github.com/${repo}`;
}

/**
 * The workflow's page on GitHub (its runs), by its file name; the repository's Actions page for
 * a workflow without a file (`dynamic/...`, GitHub's generated ones).
 */
export function workflowUrl(repo: string, path: string, runUrl?: string | null): string {
  const base = `${repoUrl(repo, runUrl)}/actions`;
  if (!path.startsWith(".github/workflows/")) return base;
  const file = path.slice(".github/workflows/".length);
  return `${base}/workflows/${encodeURIComponent(file)}`;
}

/** A commit's page. */
export function commitUrl(repo: string, sha: string, runUrl?: string | null): string {
  return `${repoUrl(repo, runUrl)}/commit/${sha}`;
}
